using System.Globalization;
using System.Text.Json.Nodes;
using AttackTracker.Api.Tests.Statistics;

namespace AttackTracker.Api.Tests.Groups;

/// <summary>The group tests' vocabulary: incidents claimed by a name, group writes, and points of the recording axis.</summary>
public static class GroupSupport
{
    /// <summary>Opens an incident in <paramref name="country"/> with one report claiming it for each of <paramref name="claimants"/>; returns it and its recorded time.</summary>
    public static async Task<(Guid Id, string RecordedAt)> ClaimedAsync(this HttpClient client, string country, string day, params string[] claimants)
    {
        var id = await client.OpenIncidentAsync(StatsSupport.Opening(country, day, "Attack claimed by " + string.Join(" and ", claimants)));
        await client.SubmitReportAsync(id, HttpExtensions.Report("Wire One", day, [StatsSupport.Casualties(2, 3), .. claimants.Select(c => StatsSupport.Claim(c))]));
        return (id, Instant((await client.GetJsonAsync($"/api/incidents/{id}"))["lastRecordedAt"]!));
    }

    /// <summary>Names for a body's aliases.</summary>
    public static string[] Names(params string[] names) => names;

    public static Task<HttpResponseMessage> PostGroupAsync(this HttpClient client, string url, object body, long? ifMatch = null) =>
        client.PostJsonAsync(url, System.Text.Json.JsonSerializer.Serialize(body, ApiHost.Json), request =>
        {
            if (ifMatch is { } version)
            {
                request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
            }
        });

    /// <summary>A group write that must be accepted (201); returns what it said.</summary>
    public static async Task<JsonObject> RecordAsync(this HttpClient client, string url, object body, long? ifMatch = null)
    {
        var response = await client.PostGroupAsync(url, body, ifMatch);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"POST {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    /// <summary>The answer's rows as (key, label, incidents), in order.</summary>
    public static List<(string? Key, string? Label, int Incidents)> GroupRows(this JsonObject answer) =>
        [.. answer["rows"]!.AsArray().Select(r => ((string?)r!["key"]!["group"], (string?)r["label"], (int)r["incidents"]!))];

    /// <summary>A recorded time as a query value, to the microsecond.</summary>
    public static string Instant(JsonNode recordedAt) =>
        Uri.EscapeDataString(DateTimeOffset.Parse((string)recordedAt!, CultureInfo.InvariantCulture).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
}
