using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using AttackTracker.Api.Store;
using Npgsql;
using NpgsqlTypes;

namespace AttackTracker.Api.Tests.Store;

/// <summary>A host whose read pool (ConnectionStrings:EventStoreReads) reaches the test database itself: every routed read takes the snapshot path.</summary>
public sealed class ReadPoolHost : ApiHost
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ConnectionStrings:EventStoreReads"] = MultiHost(ConnectionString, "prefer-standby"),
        ["EventStore:ReadAfterWaitMilliseconds"] = "300",
    };

    /// <summary>The server twice, as a multi-host string (Npgsql takes Target Session Attributes only with several hosts).</summary>
    public static string MultiHost(string connectionString, string targetSessionAttributes)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var host = $"{builder.Host}:{builder.Port}";
        builder.Host = $"{host},{host}";
        builder.TargetSessionAttributes = targetSessionAttributes;
        return builder.ConnectionString;
    }
}

/// <summary>A host whose read pool cannot be reached (a closed port): reads go to the primary.</summary>
public sealed class UnreachableReadPoolHost : ApiHost
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ConnectionStrings:EventStoreReads"] = $"Host=127.0.0.1;Port={Repository.FreePort()};Username=nobody;Database=none;Timeout=2",
    };
}

/// <summary>
/// Reads from a read pool and the read-your-writes token (Store/ReadSessions.cs, docs/api.md#read-your-writes)
/// on one database; the cluster drill (tests/cluster/run.sh) checks them with a real standby.
/// </summary>
public sealed class ReadRoutingTests(ReadPoolHost host) : IClassFixture<ReadPoolHost>
{
    [Fact]
    public async Task A_write_answers_a_token_and_a_read_sent_with_it_shows_the_write_and_answers_a_later_token()
    {
        var client = host.CreateClient();
        var created = await client.PostAsync("/api/incidents", System.Net.Http.Json.JsonContent.Create(Carcassonne()));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var written = Token(created);

        using var read = new HttpRequestMessage(HttpMethod.Get, created.Headers.Location);
        read.Headers.Add("X-Read-After", written.ToString());
        var answer = await client.SendAsync(read);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.True(Token(answer) >= written);
        Assert.Equal(1, (long)JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["version"]!);
    }

    [Fact]
    public async Task Lists_statistics_and_pages_read_from_the_pool_answer_a_token()
    {
        var client = host.CreateClient();
        await client.OpenIncidentAsync();
        foreach (var path in new[] { "/api/incidents", "/api/stats?groupBy=country", "/api/groups", "/api/sources", "/", "/stats" })
        {
            var answer = await client.GetAsync(path);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{path}: {(int)answer.StatusCode}");
            Assert.True(answer.Headers.Contains("X-Read-After"), path);
        }
    }

    [Fact]
    public async Task A_token_the_pool_never_reaches_is_served_by_the_primary_after_the_wait()
    {
        var client = host.CreateClient();
        var incident = await client.OpenIncidentAsync();
        using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/incidents/{incident}");
        read.Headers.Add("X-Read-After", "FFFFFFFF/0");
        var clock = Stopwatch.StartNew();

        var answer = await client.SendAsync(read);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.True(clock.ElapsedMilliseconds >= 300, $"answered after {clock.ElapsedMilliseconds} ms, before the 300 ms wait");
    }

    [Fact]
    public async Task A_malformed_token_is_a_400_naming_the_header()
    {
        var client = host.CreateClient();
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/incidents");
        read.Headers.Add("X-Read-After", "yesterday");

        var answer = await client.SendAsync(read);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.NotNull(JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["errors"]!["X-Read-After"]);
    }

    [Fact]
    public async Task Health_names_the_server_role_of_each_pool()
    {
        var health = JsonNode.Parse(await host.CreateClient().GetStringAsync("/health"))!;

        var connections = health["connections"]!.AsArray().Select(c => ((string)c!["name"]!, (string)c["role"]!)).ToList();
        Assert.Equal([("writes", "primary"), ("reads", "primary")], connections);
    }

    private static NpgsqlLogSequenceNumber Token(HttpResponseMessage response) =>
        NpgsqlLogSequenceNumber.Parse(Assert.Single(response.Headers.GetValues("X-Read-After")));

    private static object Carcassonne() => new { title = "Read routing", occurredOn = "2018-03-23", country = "FR", place = "Trèbes" };
}

/// <summary>What a failover looks like to the service: each is an outage (503, nothing written), never a 500.</summary>
public sealed class FailoverErrorTests(UnreachableReadPoolHost host) : IClassFixture<UnreachableReadPoolHost>
{
    [Fact]
    public async Task A_multi_host_string_that_finds_no_primary_is_an_outage()
    {
        // The test server is a primary; asked for a standby it is no suitable host, as a standby is
        // when the primary is asked for during a failover's window.
        await using var dataSource = NpgsqlDataSource.Create(ReadPoolHost.MultiHost(host.ConnectionString, "standby"));

        var failure = await Assert.ThrowsAsync<NpgsqlException>(async () => await dataSource.OpenConnectionAsync());

        Assert.True(DatabaseFailures.IsUnavailable(failure), failure.ToString());
    }

    [Fact]
    public async Task A_write_on_a_server_that_is_no_longer_the_primary_is_an_outage()
    {
        await using var dataSource = NpgsqlDataSource.Create(host.ConnectionString);
        await using var command = dataSource.CreateCommand("START TRANSACTION READ ONLY; CREATE TEMP TABLE refused (id int); COMMIT");

        var failure = await Assert.ThrowsAsync<PostgresException>(async () => await command.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, failure.SqlState);
        Assert.True(DatabaseFailures.IsUnavailable(failure));
    }

    [Fact]
    public async Task A_read_pool_that_cannot_be_reached_sends_reads_to_the_primary_and_health_says_so()
    {
        var client = host.CreateClient();
        var incident = await client.OpenIncidentAsync();

        var answer = await client.GetAsync($"/api/incidents/{incident}");
        var health = JsonNode.Parse(await client.GetStringAsync("/health"))!;

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("unreachable", (string)health["connections"]!.AsArray().Single(c => (string)c!["name"]! == "reads")!["role"]!);
    }
}
