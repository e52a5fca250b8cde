using System.Text.Json.Nodes;
using Npgsql;

namespace AttackTracker.Api.Tests.Store;

/// <summary>
/// Every event is chained to its predecessor by a SHA-256 link in event_hashes, written by a
/// trigger on Marten's mt_events. A row edited or removed behind the service's back (by a
/// superuser, with the triggers switched off) is found by GET …/integrity at its version.
/// </summary>
public sealed class HashChainTests(ApiHost host) : IClassFixture<ApiHost>
{
    /// <summary>An incident of five events: opened, then two reports of a report event and one fact.</summary>
    private async Task<Guid> IncidentOfFiveAsync()
    {
        var client = host.CreateClient();
        var id = await client.OpenIncidentAsync();
        await client.SubmitReportAsync(id, ReportBodies.Note("First."));
        await client.SubmitReportAsync(id, ReportBodies.Note("Second."));
        return id;
    }

    /// <summary>As a superuser would: with every trigger switched off for this session only.</summary>
    private async Task TamperAsync(string sql, Guid id)
    {
        await using var dataSource = NpgsqlDataSource.Create(host.ConnectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var off = new NpgsqlCommand("SET session_replication_role = replica", connection))
        {
            await off.ExecuteNonQueryAsync();
        }

        foreach (var statement in sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await using var command = new NpgsqlCommand(statement.Replace("__schema__", $"\"{host.Schema}\"", StringComparison.Ordinal), connection);
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            await command.ExecuteNonQueryAsync();
        }
    }

    private async Task<JsonObject> IntegrityAsync(Guid id)
    {
        var result = await host.Scenario(s => s.Get.Url($"/api/incidents/{id}/integrity"));
        return (await result.ReadAsJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task An_untouched_stream_verifies_intact_and_every_event_has_its_own_link()
    {
        var id = await IncidentOfFiveAsync();

        var integrity = await IntegrityAsync(id);

        Assert.True((bool)integrity["intact"]!);
        Assert.Equal(5, (long)integrity["eventsChecked"]!);
        Assert.Equal(5, await host.CountAsync($"event_hashes WHERE stream_id = '{id}'"));
        Assert.Equal(5, await ScalarAsync("SELECT count(DISTINCT hash) FROM __schema__.event_hashes WHERE stream_id = $1", id));
    }

    [Fact]
    public async Task Altered_data_is_found_at_its_version()
    {
        var id = await IncidentOfFiveAsync();

        await TamperAsync("UPDATE __schema__.mt_events SET data = jsonb_set(data, '{fact,text}', '\"Rewritten.\"') WHERE stream_id = $1 AND version = 3", id);
        var integrity = await IntegrityAsync(id);

        Assert.False((bool)integrity["intact"]!);
        Assert.Equal(3, (long)integrity["firstBrokenVersion"]!);
        Assert.Equal(2, (long)integrity["eventsChecked"]!);
        Assert.Contains("hash", (string?)integrity["problem"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Altered_metadata_or_recorded_time_is_found()
    {
        var recorder = await IncidentOfFiveAsync();
        var headers = await IncidentOfFiveAsync();
        var recorded = await IncidentOfFiveAsync();

        await TamperAsync("UPDATE __schema__.mt_events SET user_name = 'someone else' WHERE stream_id = $1 AND version = 1", recorder);
        await TamperAsync("UPDATE __schema__.mt_events SET headers = jsonb_set(headers, '{publishedAt}', '\"2030-01-01\"') WHERE stream_id = $1 AND version = 4", headers);
        await TamperAsync("UPDATE __schema__.mt_events SET timestamp = timestamp - interval '1 day' WHERE stream_id = $1 AND version = 5", recorded);

        Assert.Equal(1, (long)(await IntegrityAsync(recorder))["firstBrokenVersion"]!);
        Assert.Equal(4, (long)(await IntegrityAsync(headers))["firstBrokenVersion"]!);
        Assert.Equal(5, (long)(await IntegrityAsync(recorded))["firstBrokenVersion"]!);
    }

    [Fact]
    public async Task A_deleted_event_or_a_deleted_tail_is_found()
    {
        var middle = await IncidentOfFiveAsync();
        var tail = await IncidentOfFiveAsync();

        await TamperAsync("DELETE FROM __schema__.mt_events WHERE stream_id = $1 AND version = 2", middle);
        await TamperAsync("DELETE FROM __schema__.mt_events WHERE stream_id = $1 AND version = 5; DELETE FROM __schema__.event_hashes WHERE stream_id = $1 AND version = 5", tail);
        var gap = await IntegrityAsync(middle);
        var cut = await IntegrityAsync(tail);

        Assert.Equal((2L, "event missing from the stream"), ((long)gap["firstBrokenVersion"]!, (string?)gap["problem"]));
        Assert.Equal(5, (long)cut["firstBrokenVersion"]!);
        Assert.Contains("stream's version", (string?)cut["problem"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rehashed_event_still_breaks_the_link_to_its_successor()
    {
        var id = await IncidentOfFiveAsync();

        await TamperAsync("""
            UPDATE __schema__.mt_events SET data = jsonb_set(data, '{title}', '"Rewritten"') WHERE stream_id = $1 AND version = 2;
            UPDATE __schema__.event_hashes h SET hash = __schema__.event_hash(p.hash, e.stream_id, e.version, e.type, e.data, e.headers, e.user_name, e.correlation_id, e.causation_id, e.timestamp)
            FROM __schema__.mt_events e, __schema__.event_hashes p
            WHERE h.stream_id = $1 AND h.version = 2 AND e.stream_id = $1 AND e.version = 2 AND p.stream_id = $1 AND p.version = 1
            """, id);

        Assert.Equal(3, (long)(await IntegrityAsync(id))["firstBrokenVersion"]!);
    }

    private async Task<long> ScalarAsync(string sql, Guid id)
    {
        await using var dataSource = NpgsqlDataSource.Create(host.ConnectionString);
        await using var command = dataSource.CreateCommand(sql.Replace("__schema__", $"\"{host.Schema}\"", StringComparison.Ordinal));
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
