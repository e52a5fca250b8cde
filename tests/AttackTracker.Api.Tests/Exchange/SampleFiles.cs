using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace AttackTracker.Api.Tests.Exchange;

/// <summary>The data sets' sample files (Samples/README.md), imported through POST /api/import/{format}.</summary>
internal static class SampleFiles
{
    public static string FilePath(string name) => Path.Combine(AppContext.BaseDirectory, "Exchange", "Samples", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(FilePath(name));

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string format, byte[] body, string contentType, string query)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/import/{format}?{query}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return client.SendAsync(request);
    }

    /// <summary>An import that must be answered at once (200); what it answered.</summary>
    public static async Task<JsonObject> ImportAsync(HttpClient client, string format, byte[] body, string contentType, string query)
    {
        var response = await PostAsync(client, format, body, contentType, query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    /// <summary>The rejected rows as line and column, in line order.</summary>
    public static List<(int Line, string Column)> Rejected(JsonObject result) =>
        [.. result["rejected"]!.AsArray().Select(r => ((int)r!["line"]!, (string)r["column"]!)).OrderBy(r => r.Item1)];

    /// <summary>The incident each line of the file opened or found.</summary>
    public static Dictionary<int, Guid> IncidentsByLine(JsonObject result) =>
        result["incidents"]!.AsArray().ToDictionary(i => (int)i!["line"]!, i => (Guid)i!["incidentId"]!);

    public static JsonNode? Only(JsonNode? attribute) => Assert.Single(attribute!["values"]!.AsArray())!["value"];

    /// <summary>The values of one of a view's attested lists (attackTypes, targets, locations…).</summary>
    public static List<JsonNode> Values(JsonObject view, string list) => [.. view[list]!.AsArray().Select(a => a!["value"]!)];
}
