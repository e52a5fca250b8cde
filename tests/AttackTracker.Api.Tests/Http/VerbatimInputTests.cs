using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AttackTracker.Api.Tests.Http;

/// <summary>
/// Text that looks like SQL, markup or another normalization form is data: accepted, stored as
/// sent and returned as JSON strings. TextRoundTripTests covers notes and NFC names in the view;
/// this covers every free-text field, the stored events and the raw bytes of the responses.
/// </summary>
public sealed class VerbatimInputTests(ApiHost host) : IClassFixture<ApiHost>
{
    private readonly HttpClient _client = host.CreateClient();

    [Theory]
    [InlineData("'; DROP TABLE events; --")]
    [InlineData("Robert'); DELETE FROM streams;--")]
    [InlineData("1 OR 1=1")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("\"><svg onload=alert(1)>")]
    public async Task Injection_text_in_every_free_text_field_is_accepted_stored_and_returned_as_data(string text)
    {
        var (incidentId, reportId, responses) = await RecordEverywhereAsync(text, text);

        var view = JsonNode.Parse(responses["incident"])!;
        var report = JsonNode.Parse(responses["report"])!;
        var sources = JsonNode.Parse(responses["sources"])!.AsArray();
        Assert.Equal(text, (string?)view["title"]);
        Assert.Equal(text, (string?)view["summary"]);
        Assert.Equal(text, (string?)Assert.Single(view["notes"]!.AsArray())!["value"]);
        Assert.Equal(text, (string?)Assert.Single(view["people"]!.AsArray())!["name"]);
        Assert.Equal(text, (string?)report["title"]);
        Assert.Equal(text, (string?)report["source"]!["name"]);
        Assert.Equal(text, (string?)report["facts"]![0]!["fact"]!["quote"]);
        Assert.Equal(text, (string?)report["facts"]![1]!["fact"]!["text"]);
        Assert.Equal(text, (string?)report["facts"]![2]!["fact"]!["name"]);
        Assert.Contains(sources, s => (string?)s!["name"] == text);
        foreach (var member in new[] { "title", "summary", "name", "quote", "text" })
        {
            Assert.Contains(text, await StoredAsync(incidentId, member));
        }

        Assert.Equal(reportId, report["reportId"]!.GetValue<Guid>());
        Assert.True(await host.CountAsync("mt_events") > 0 && await host.CountAsync("mt_streams") > 0);
        if (text.Contains('<', StringComparison.Ordinal))
        {
            var tag = text[text.IndexOf('<', StringComparison.Ordinal)..].Split(' ', '>')[0];
            Assert.All(responses, r => Assert.False(r.Value.Contains(tag, StringComparison.Ordinal), $"{r.Key} returns {tag} unescaped: {r.Value}"));
        }
    }

    [Theory]
    [InlineData("Tr\u00e8bes", NormalizationForm.FormC)]
    [InlineData("Medv\u00e8s", NormalizationForm.FormC)]
    [InlineData("B\u00e9ziers", NormalizationForm.FormC)]
    [InlineData("Besan\u00e7on", NormalizationForm.FormC)]
    [InlineData("Zo\u00eb", NormalizationForm.FormC)]
    [InlineData("Tre\u0300bes", NormalizationForm.FormD)]
    [InlineData("Be\u0301ziers", NormalizationForm.FormD)]
    [InlineData("Besanc\u0327on", NormalizationForm.FormD)]
    [InlineData("Zoe\u0308", NormalizationForm.FormD)]
    public async Task Accented_text_round_trips_byte_for_byte_in_the_form_it_was_sent(string name, NormalizationForm form)
    {
        Assert.True(name.IsNormalized(form) && !name.IsNormalized(form == NormalizationForm.FormC ? NormalizationForm.FormD : NormalizationForm.FormC));
        var source = $"{name} {Guid.NewGuid():N}";

        var (incidentId, _, responses) = await RecordEverywhereAsync(name, source);

        var view = JsonNode.Parse(responses["incident"])!;
        var report = JsonNode.Parse(responses["report"])!;
        var returned = new[]
        {
            (string?)view["title"], (string?)view["summary"], (string?)view["notes"]![0]!["value"], (string?)view["people"]![0]!["name"],
            (string?)report["title"], (string?)report["facts"]![0]!["fact"]!["quote"], (string?)report["facts"]![1]!["fact"]!["text"],
            (string?)report["facts"]![2]!["fact"]!["name"],
        };
        Assert.All(returned, value => Assert.Equal(Encoding.UTF8.GetBytes(name), Encoding.UTF8.GetBytes(value ?? string.Empty)));
        Assert.Equal(Encoding.UTF8.GetBytes(source), Encoding.UTF8.GetBytes((string?)report["source"]!["name"] ?? string.Empty));
        Assert.Contains(JsonNode.Parse(responses["sources"])!.AsArray(), s => (string?)s!["name"] == source);
        foreach (var member in new[] { "title", "summary", "name", "quote", "text" })
        {
            Assert.Contains(name, await StoredAsync(incidentId, member));
        }
    }

    [Fact]
    public async Task A_problem_naming_a_markup_member_returns_the_name_as_escaped_data()
    {
        const string member = "<script>alert(1)</script>";
        var body = Incident("Trèbes");
        body[member] = 1;

        var response = await _client.PostJsonAsync("/api/incidents", body.ToJsonString());

        var text = await response.Content.ReadAsStringAsync();
        await ProblemAssert.IsValidationProblemAsync(response, member);
        Assert.DoesNotContain("<script", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Like_wildcards_in_a_search_match_only_themselves()
    {
        var marker = Guid.NewGuid().ToString("N")[..10];
        var sure = await _client.OpenIncidentAsync(Incident($"{marker} 100% sure"));
        await _client.OpenIncidentAsync(Incident($"{marker} plain"));

        var all = await _client.GetJsonAsync($"/api/incidents?q={Uri.EscapeDataString(marker)}");
        var percent = await _client.GetJsonAsync($"/api/incidents?q={Uri.EscapeDataString(marker + " 100%")}");
        var wildcard = await _client.GetJsonAsync($"/api/incidents?q={Uri.EscapeDataString(marker + " %")}");
        var underscore = await _client.GetJsonAsync($"/api/incidents?q={Uri.EscapeDataString(marker + " _")}");

        Assert.Equal(2, (long)all["total"]!);
        Assert.Equal(sure, Assert.Single(percent["items"]!.AsArray())!["id"]!.GetValue<Guid>());
        Assert.Equal(0, (long)wildcard["total"]!);
        Assert.Equal(0, (long)underscore["total"]!);
    }

    /// <summary>Opens an incident and submits a report with <paramref name="text"/> in every free-text field; returns the raw responses.</summary>
    private async Task<(Guid IncidentId, Guid ReportId, Dictionary<string, string> Responses)> RecordEverywhereAsync(string text, string source)
    {
        var opened = await _client.PostJsonAsync("/api/incidents", Incident(text, summary: text).ToJsonString());
        var openedText = await opened.Content.ReadAsStringAsync();
        Assert.True(opened.StatusCode == HttpStatusCode.Created, openedText);
        var incidentId = JsonNode.Parse(openedText)!["id"]!.GetValue<Guid>();
        var report = ReportBodies.Report(
            new JsonArray(
                new JsonObject { ["type"] = "casualties", ["killed"] = 4, ["quote"] = text },
                new JsonObject { ["type"] = "note", ["text"] = text },
                new JsonObject { ["type"] = "person", ["name"] = text, ["role"] = "witness", ["status"] = "unharmed" }).ToJsonString(),
            source);
        report["title"] = text;
        var submitted = await _client.PostReportAsync(incidentId, report);
        var submittedText = await submitted.Content.ReadAsStringAsync();
        Assert.True(submitted.StatusCode == HttpStatusCode.Created, submittedText);
        var reportId = JsonNode.Parse(submittedText)!["reportId"]!.GetValue<Guid>();

        var incident = await _client.GetAsync($"/api/incidents/{incidentId}");
        Assert.Equal("application/json", incident.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", incident.Headers.GetValues("X-Content-Type-Options").Single());
        return (incidentId, reportId, new Dictionary<string, string>
        {
            ["opened"] = openedText,
            ["submitted"] = submittedText,
            ["incident"] = await incident.Content.ReadAsStringAsync(),
            ["report"] = await _client.GetStringAsync($"/api/reports/{reportId}"),
            ["reports"] = await _client.GetStringAsync($"/api/incidents/{incidentId}/reports"),
            ["sources"] = await _client.GetStringAsync("/api/sources"),
        });
    }

    /// <summary>Every string stored under a member called <paramref name="member"/>, at any depth, in the incident's events.</summary>
    private async Task<IReadOnlyList<string>> StoredAsync(Guid incidentId, string member)
    {
        var schema = $"\"{host.Schema}\"";
        await using var command = host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand($$"""
            SELECT DISTINCT v #>> '{}' FROM {{schema}}.mt_events e, jsonb_path_query(e.data, ('lax $.**.' || $2)::jsonpath) v
            WHERE e.stream_id = $1 AND jsonb_typeof(v) = 'string'
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = incidentId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = member });
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static JsonObject Incident(string title, string? summary = null) => new()
    {
        ["title"] = title,
        ["occurredOn"] = "2018-03-23",
        ["country"] = "FR",
        ["place"] = "Trèbes",
        ["summary"] = summary,
    };
}
