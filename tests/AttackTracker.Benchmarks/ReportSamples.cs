using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AttackTracker.Domain;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Sources;

namespace AttackTracker.Benchmarks;

/// <summary>
/// Request bodies as a client sends them, and the very events the service decides for them, so that a
/// report posted over HTTP and a report appended through the library write the same events.
/// </summary>
public static class ReportSamples
{
    public const string SourceName = "Agence Benchmark";
    public const string RecordedBy = "benchmark";

    /// <summary>Five facts of five kinds: with the ReportSubmitted event, a report of six events.</summary>
    public const string FiveFacts = """
        [
          { "type": "casualties", "killed": 4, "wounded": { "atLeast": 15 }, "quote": "four people were killed and at least fifteen wounded" },
          { "type": "location", "role": "hostage-taking", "place": "supermarket", "city": "Trèbes", "region": "Aude", "country": "FR", "lat": 43.2105, "lon": 2.4422 },
          { "type": "attackType", "attackTypes": ["armed-assault", "hostage-taking-barricade"] },
          { "type": "target", "targetType": "business", "detail": "supermarket in Trèbes" },
          { "type": "note", "text": "The attacker acted alone, according to the prosecutor; the report cites two witnesses inside the shop." }
        ]
        """;

    private static readonly string[] FactTemplates = [.. JsonNode.Parse(FiveFacts)!.AsArray().Select(f => f!.ToJsonString())];

    public static readonly SourceRef Source = new(SourceNames.IdFor(SourceName), SourceName, SourceKind.News, Reliability.B);

    public static byte[] OpenIncident(string title) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["title"] = title,
        ["occurredOn"] = "2018-03-23",
        ["country"] = "FR",
        ["place"] = "Trèbes",
        ["summary"] = "An incident opened by the benchmark.",
    }.ToJsonString());

    /// <summary><paramref name="facts"/> facts cycling through the five kinds, as one JSON array.</summary>
    public static string Facts(int facts) =>
        "[" + string.Join(",", Enumerable.Range(0, facts).Select(i => FactTemplates[i % FactTemplates.Length])) + "]";

    public static byte[] Report(string facts, DateOnly publishedAt) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["source"] = new JsonObject { ["name"] = SourceName, ["kind"] = "news", ["reliability"] = "B" },
        ["title"] = $"Report of {publishedAt:yyyy-MM-dd}",
        ["url"] = "https://example.org/report",
        ["publishedAt"] = publishedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["credibility"] = 2,
        ["facts"] = JsonNode.Parse(facts),
    }.ToJsonString());

    /// <summary>The command the service validates a report body into, for any incident.</summary>
    public static SubmitReport Command(byte[] body)
    {
        var request = JsonSerializer.Deserialize<ReportRequest>(body, IncidentJson.Options)
            ?? throw new InvalidDataException("The report body is empty.");
        var errors = new ValidationErrors();
        return ReportValidation.Validate(Guid.Empty, request, DateTimeOffset.UtcNow, errors)
            ?? throw new InvalidDataException($"The report body is not valid: {JsonSerializer.Serialize(errors.ToDictionary())}");
    }

    public static IncidentOpened Opened(Guid incidentId, string title)
    {
        _ = ReportedTime.TryParse("2018-03-23", out var occurredOn);
        return new IncidentOpened(incidentId, title, occurredOn, "FR", "Trèbes", "An incident opened by the benchmark.");
    }

    /// <summary>ReportSubmitted and one event per fact, with the ids and headers the service gives them (the decision's headers, appended by WriteUnit).</summary>
    public static List<SampleEvent> Events(SubmitReport command, Guid incidentId, SourceRef? source = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        source ??= Source;
        var reportId = Guid.CreateVersion7();
        var events = ReportDecision.Decide(command with { IncidentId = incidentId }, source, reportId, Guid.CreateVersion7);
        var headers = new Dictionary<string, string>
        {
            ["reportId"] = reportId.ToString(),
            ["sourceId"] = source.Id.ToString(),
            ["publishedAt"] = command.PublishedAt.ToString("O", CultureInfo.InvariantCulture),
            ["credibility"] = (command.Credibility ?? 0).ToString(CultureInfo.InvariantCulture),
        };
        return [.. events.Select(e => new SampleEvent(e, e is IFactReported f ? f.FactId : reportId, headers))];
    }
}

/// <summary>An event as the service appends it: its data, its id (the fact's or the report's) and its headers.</summary>
public sealed record SampleEvent(object Data, Guid Id, IReadOnlyDictionary<string, string>? Headers = null)
{
    public JasperFx.Events.IEvent Stamp(Marten.IDocumentSession session, DateTimeOffset recordedAt) =>
        AttackTracker.Api.Store.Stamps.Stamp(session, Data, recordedAt, Id, Headers);
}
