using System.Net;
using Xunit.Abstractions;

namespace AttackTracker.Api.Tests.Store;

public sealed class WireHost : ApiHost
{
    private WireCounter? _wire;

    public WireCounter Wire => _wire ?? throw new InvalidOperationException("The host has not started.");

    // Without the daemon, nothing but the requests and Wolverine's own housekeeping talks to the database;
    // and the key, looked up once, is remembered for the whole class: a lookup when the default 5 s
    // ran out mid-test was counted as a statement outside the write's transaction.
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["EventStore:Daemon"] = "Disabled",
        ["Auth:KeyCacheSeconds"] = "3600",
    };

    protected override string ServiceConnectionString(string connectionString) => (_wire = new WireCounter(connectionString)).ConnectionString;
}

/// <summary>
/// What a write costs on the wire, counted by a proxy that reads the protocol (Store/WireCounter):
/// the round trips of the write's transaction, from its first statement to its COMMIT. A report to
/// an existing incident on a known source takes three: one ordered batch of loads with the clock
/// read last, the unit of work, and COMMIT; the stored documents a report cites are read in the first.
/// Registering or regrading a source may take one more.
/// </summary>
public sealed class RoundTripTests(WireHost host, ITestOutputHelper output) : IClassFixture<WireHost>
{
    private const int Budget = 3;

    [Fact]
    public async Task A_report_on_a_known_source_takes_three_round_trips()
    {
        var client = host.CreateClient();
        var incident = await client.OpenIncidentAsync();
        await client.SubmitReportAsync(incident, HttpExtensions.Report("Le Monde", "2018-03-23", new { type = "casualties", killed = 3 }));

        var trips = await CountAsync(() => client.PostReportAsync(incident, HttpExtensions.Report("Le Monde", "2018-03-24", new { type = "casualties", killed = 4 })));

        Assert.InRange(trips, 1, Budget);
    }

    [Fact]
    public async Task A_report_with_an_idempotency_key_takes_three_round_trips()
    {
        var client = host.CreateClient();
        var incident = await client.OpenIncidentAsync();
        await client.SubmitReportAsync(incident, HttpExtensions.Report("Reuters", "2018-03-23", new { type = "casualties", wounded = 15 }));

        var trips = await CountAsync(() => client.PostReportAsync(
            incident,
            HttpExtensions.Report("Reuters", "2018-03-24", new { type = "casualties", wounded = 16 }),
            request => request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString())));

        Assert.InRange(trips, 1, Budget);
    }

    [Fact]
    public async Task A_report_citing_a_stored_document_takes_three_round_trips()
    {
        var client = host.CreateClient();
        var incident = await client.OpenIncidentAsync();
        var text = $"Four people died and 16 were wounded. {Guid.NewGuid():N}";
        var document = await Documents.DocumentBodies.StoreDocumentAsync(client, text, "Le Monde");
        await client.SubmitReportAsync(incident, HttpExtensions.Report("Le Monde", "2018-03-23", new { type = "casualties", killed = 3 }));

        var trips = await CountAsync(() => client.PostReportAsync(incident, HttpExtensions.Report(
            "Le Monde",
            "2018-03-24",
            new { type = "casualties", killed = 4, quote = "Four people died", passage = new { document, start = 0, end = 16 } },
            new { type = "casualties", wounded = 16, passage = new { document, start = 21, end = 36 } })));

        Assert.InRange(trips, 1, Budget);
    }

    [Fact]
    public async Task A_report_that_registers_its_source_takes_one_more()
    {
        var client = host.CreateClient();
        var incident = await client.OpenIncidentAsync();

        var trips = await CountAsync(() => client.PostReportAsync(incident, HttpExtensions.Report($"Source {Guid.NewGuid():N}", "2018-03-23", new { type = "note", text = "A first report." })));

        Assert.InRange(trips, 1, Budget + 1);
    }

    [Fact]
    public async Task A_report_that_regrades_its_source_takes_one_more()
    {
        var client = host.CreateClient();
        var incident = await client.OpenIncidentAsync();
        var name = $"Source {Guid.NewGuid():N}";
        await client.SubmitReportAsync(incident, HttpExtensions.Report(name, "2018-03-23", new { type = "note", text = "Graded B." }));

        var trips = await CountAsync(() => client.PostReportAsync(incident, new
        {
            source = new { name, reliability = "A", kind = "news" },
            title = "Regraded",
            publishedAt = "2018-03-24",
            facts = new object[] { new { type = "note", text = "Graded A." } },
        }));

        Assert.InRange(trips, 1, Budget + 1);
    }

    [Fact]
    public async Task Opening_an_incident_takes_three_round_trips()
    {
        var client = host.CreateClient();

        var trips = await CountAsync(() => client.PostAsync("/api/incidents", System.Net.Http.Json.JsonContent.Create(HttpExtensions.Carcassonne)));

        Assert.InRange(trips, 1, Budget);
    }

    [Fact]
    public async Task A_retraction_and_an_adjudication_take_three_round_trips_each()
    {
        var client = host.CreateClient();
        var incident = await client.OpenIncidentAsync();
        var (_, _, facts) = await client.SubmitReportAsync(incident, HttpExtensions.Report("AFP", "2018-03-23", new { type = "casualties", killed = 3 }));

        var retraction = await CountAsync(() => client.PostJsonAsync($"/api/incidents/{incident}/retractions", $$"""{"factIds":["{{facts[0]}}"],"kind":"entered-in-error","reason":"Typed in the wrong incident."}"""));
        var adjudication = await CountAsync(() => client.PostJsonAsync($"/api/incidents/{incident}/adjudications", """{"category":"wounded","value":16,"rationale":"Hospital figures."}"""));

        Assert.InRange(retraction, 1, Budget);
        Assert.InRange(adjudication, 1, Budget);
    }

    /// <summary>
    /// Sends the request and counts the round trips of the transaction that wrote it: on the
    /// connection that passed the rebuild gate, from that batch to its COMMIT. Any statement on the
    /// write path's tables outside that transaction during the request fails the test too.
    /// </summary>
    private async Task<int> CountAsync(Func<Task<HttpResponseMessage>> send)
    {
        var start = DateTimeOffset.UtcNow;
        var response = await send();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var trips = host.Wire.Since(start);
        var begin = trips.Where(t => t.Statements.Any(s => s.Contains("pg_advisory_xact_lock_shared", StringComparison.Ordinal))).ToList();
        Assert.True(begin.Count == 1, $"one write transaction was expected:\n{string.Join('\n', trips)}");
        var connection = begin[0].Connection;
        var write = trips.Where(t => t.Connection == connection).SkipWhile(t => t != begin[0]).ToList();
        var commit = write.FindIndex(t => t.Statements.Any(s => s.Trim().Equals("COMMIT", StringComparison.OrdinalIgnoreCase)));
        Assert.True(commit >= 0, $"the write transaction should end with COMMIT:\n{string.Join('\n', write)}");
        var transaction = write.Take(commit + 1).ToList();
        var elsewhere = trips.Except(transaction).Where(t => t.Statements.Any(TouchesTheWritePath)).ToList();
        output.WriteLine($"{transaction.Count} round trips:\n{string.Join('\n', transaction)}");
        Assert.True(elsewhere.Count == 0, $"statements on the write path outside its transaction:\n{string.Join('\n', elsewhere)}");
        return transaction.Count;
    }

    private static readonly string[] WritePath = ["mt_streams", "mt_events", "mt_doc_", "idempotency_keys", "api_keys", "notifications", "clock_timestamp"];

    private static bool TouchesTheWritePath(string statement) => WritePath.Any(table => statement.Contains(table, StringComparison.Ordinal));
}
