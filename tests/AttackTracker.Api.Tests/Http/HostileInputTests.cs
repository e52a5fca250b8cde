using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;

namespace AttackTracker.Api.Tests.Http;

/// <summary>An incident with one report, opened once for the class, that the corpus tries to corrupt.</summary>
public sealed class HostileInputHost : ApiHost
{
    private Task<(Guid IncidentId, Guid ReportId, Guid FactId)>? _subject;

    public Task<(Guid IncidentId, Guid ReportId, Guid FactId)> SubjectAsync() => _subject ??= OpenSubjectAsync();

    private async Task<(Guid, Guid, Guid)> OpenSubjectAsync()
    {
        var client = CreateClient();
        var incidentId = await client.OpenIncidentAsync();
        var report = await client.SubmitReportAsync(incidentId, JsonNode.Parse(HostileInputCorpus.ValidReport)!);
        return (incidentId, report.ReportId, report.FactIds[0]);
    }
}

public sealed class HostileInputTests(HostileInputHost host) : IClassFixture<HostileInputHost>
{
    private readonly HttpClient _client = host.CreateClient();

    [Theory]
    [MemberData(nameof(HostileInputCorpus.Cases), MemberType = typeof(HostileInputCorpus))]
    public async Task Rejects_hostile_input_with_a_problem_naming_the_field_and_writes_nothing(
        string name, WriteEndpoint endpoint, object body, int status, string field)
    {
        await host.SubjectAsync();
        var before = await FingerprintAsync();

        var response = await PostAsync(endpoint, body);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{name}: expected {status}, got {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(status, (int?)problem["status"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]), name);
        if (status == (int)HttpStatusCode.RequestEntityTooLarge)
        {
            Assert.Equal(HostileInputCorpus.BodyLimit, (long?)problem[field]);
        }
        else
        {
            var errors = Assert.IsType<JsonObject>(problem["errors"]);
            Assert.True(errors.Select(e => e.Key).SequenceEqual([field]), $"{name}: expected errors on [{field}], got {errors.ToJsonString()}");
            Assert.NotEmpty(errors[field]!.AsArray());
        }

        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public void The_corpus_holds_at_least_150_uniquely_named_cases_against_every_write_endpoint()
    {
        var cases = HostileInputCorpus.Cases.ToList();

        Assert.True(cases.Count >= 150, $"The corpus shrank to {cases.Count} cases.");
        Assert.Equal(cases.Count, cases.Select(c => (string)c[0]).Distinct(StringComparer.Ordinal).Count());
        Assert.All(Enum.GetValues<WriteEndpoint>(), endpoint => Assert.True(cases.Count(c => (WriteEndpoint)c[1] == endpoint) >= 20, $"{endpoint} has too few cases."));
        Assert.All(
            new[] { HostileInputCorpus.Malformed, HostileInputCorpus.Numbers, HostileInputCorpus.Dates, HostileInputCorpus.Oversized, HostileInputCorpus.BadText },
            category => Assert.True(category.Count() >= 20));
    }

    [Theory]
    [InlineData(WriteEndpoint.OpenIncident, HostileInputCorpus.ValidIncident)]
    [InlineData(WriteEndpoint.SubmitReport, HostileInputCorpus.ValidReport)]
    [InlineData(WriteEndpoint.Adjudicate, HostileInputCorpus.ValidAdjudication)]
    public async Task The_valid_bodies_the_corpus_breaks_are_accepted(WriteEndpoint endpoint, string body)
    {
        var before = await FingerprintAsync();

        var response = await PostAsync(endpoint, body);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.True((await FingerprintAsync()).Events > before.Events);
    }

    [Fact]
    public async Task The_valid_retraction_the_corpus_breaks_is_accepted()
    {
        var incidentId = await _client.OpenIncidentAsync();
        var report = await _client.SubmitReportAsync(incidentId, JsonNode.Parse(HostileInputCorpus.ValidReport)!);
        var body = HostileInputCorpus.ValidRetraction.Replace(HostileInputCorpus.ReportIdToken, report.ReportId.ToString(), StringComparison.Ordinal);

        var response = await _client.PostJsonAsync($"/api/incidents/{incidentId}/retractions", body);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> PostAsync(WriteEndpoint endpoint, object body)
    {
        var (incidentId, reportId, factId) = await host.SubjectAsync();
        var url = endpoint switch
        {
            WriteEndpoint.OpenIncident => "/api/incidents",
            WriteEndpoint.SubmitReport => $"/api/incidents/{incidentId}/reports",
            WriteEndpoint.Retract => $"/api/incidents/{incidentId}/retractions",
            _ => $"/api/incidents/{incidentId}/adjudications",
        };
        var bytes = body switch
        {
            string text => Encoding.UTF8.GetBytes(text),
            byte[] raw => raw,
            _ => throw new ArgumentException($"A body is text or bytes, not {body.GetType()}.", nameof(body)),
        };

        // Latin-1 maps every byte to one char and back, so the ASCII tokens are replaced without repairing invalid UTF-8.
        var content = new ByteArrayContent(Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(bytes)
            .Replace(HostileInputCorpus.ReportIdToken, reportId.ToString(), StringComparison.Ordinal)
            .Replace(HostileInputCorpus.FactIdToken, factId.ToString(), StringComparison.Ordinal)
            .Replace(HostileInputCorpus.DayPastToleranceToken, HostileInputCorpus.DayPastTolerance(DateTimeOffset.UtcNow), StringComparison.Ordinal)
            .Replace(HostileInputCorpus.HourPastToleranceToken, HostileInputCorpus.HourPastTolerance(DateTimeOffset.UtcNow), StringComparison.Ordinal)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await _client.PostAsync(url, content);
    }

    /// <summary>Row counts and high-water marks of every table a write touches: equal before and after means nothing was written.</summary>
    private async Task<WriteFingerprint> FingerprintAsync()
    {
        var schema = $"\"{host.Schema}\"";
        await using var dataSource = NpgsqlDataSource.Create(host.ConnectionString);
        await using var command = dataSource.CreateCommand($"""
            SELECT (SELECT count(*) FROM {schema}.mt_events),
                   (SELECT coalesce(max(seq_id), 0) FROM {schema}.mt_events),
                   (SELECT count(*) FROM {schema}.mt_streams),
                   (SELECT coalesce(sum(version), 0)::bigint FROM {schema}.mt_streams),
                   (SELECT count(*) FROM {schema}.mt_doc_incidentstate),
                   (SELECT count(*) FROM {schema}.mt_doc_reportindexentry),
                   (SELECT count(*) FROM {schema}.mt_doc_sourceview),
                   (SELECT count(*) FROM {schema}.event_hashes),
                   (SELECT count(*) FROM {schema}.idempotency_keys)
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new WriteFingerprint(
            reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8));
    }

    private sealed record WriteFingerprint(
        long Events, long LastSeqId, long Streams, long StreamVersions, long Incidents, long Reports, long Sources, long Links, long IdempotencyKeys);
}
