using System.Text.Json.Nodes;
using AttackTracker.Api.Exchange;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AttackTracker.Api.Tests.Exchange;

/// <summary>
/// Restore (docs/export.md) against archives of the sample data changed as an attacker or an
/// accident would: a refusal leaves the target empty and the restore can be run again, and what
/// the hash chain does not cover is derived or refused, never trusted.
/// </summary>
public sealed class RestoreTests(SampleApiHost source) : IClassFixture<SampleApiHost>
{
    private const string Carcassonne = "f0d76bc7-c1f7-8ecd-aac6-b6efe755b63b";

    [Fact]
    public async Task A_restore_refused_because_a_view_differs_leaves_the_database_empty_and_can_be_run_again()
    {
        var lines = await ArchiveAsync();
        await using var target = new ApiHost();
        await target.InitializeAsync();
        var changed = lines.Select(l => IsView(l, Carcassonne) ? SetView(l, "sha256", new string('0', 64)) : l);

        var refused = await Assert.ThrowsAsync<ArchiveException>(() => RestoreAsync(target, changed));

        Assert.Contains($"the restored view of incident {Carcassonne} differs", refused.Message, StringComparison.Ordinal);
        await AssertEmptyAsync(target);
        var restored = await RestoreAsync(target, lines);
        Assert.Equal((15, 20), (restored.ViewsCompared, restored.ChainsVerified));
    }

    [Fact]
    public async Task A_restore_that_the_database_refuses_late_leaves_the_database_empty_and_can_be_run_again()
    {
        var lines = await ArchiveAsync();
        // The last event, re-linked so that the chain holds but recorded a day ahead of the clock:
        // only the database's trigger, while writing, refuses it.
        var last = Array.FindLastIndex(lines, l => l.StartsWith("{\"seq\":", StringComparison.Ordinal));
        var changed = (string[])lines.Clone();
        changed[last] = await RelinkAsync(lines[last], line => line["recordedAt"] = DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture));
        await using var target = new ApiHost();
        await target.InitializeAsync();

        var refused = await Assert.ThrowsAsync<ArchiveException>(() => RestoreAsync(target, changed));

        Assert.Equal(last + 1, refused.Line);
        Assert.Contains("the database refused the event", refused.Message, StringComparison.Ordinal);
        await AssertEmptyAsync(target);
        Assert.Equal(20, (await RestoreAsync(target, lines)).ChainsVerified);
    }

    [Fact]
    public async Task An_incident_retyped_as_a_source_is_refused_even_without_its_view_line()
    {
        var lines = await ArchiveAsync();
        var changed = lines
            .Where(l => !IsView(l, Carcassonne))
            .Select(l => l.Contains($"\"streamId\":\"{Carcassonne}\",\"streamType\":\"incident_state\"", StringComparison.Ordinal)
                ? l.Replace("\"streamType\":\"incident_state\"", "\"streamType\":\"source_view\"", StringComparison.Ordinal)
                : l)
            .Select(l => l.StartsWith("{\"end\":", StringComparison.Ordinal) ? l.Replace("\"incidents\":15", "\"incidents\":14", StringComparison.Ordinal) : l)
            .ToArray();
        await using var target = new ApiHost();
        await target.InitializeAsync();

        var refused = await Assert.ThrowsAsync<ArchiveException>(() => RestoreAsync(target, changed));

        Assert.Contains("'streamType' says 'source_view'", refused.Message, StringComparison.Ordinal);
        await AssertEmptyAsync(target);
    }

    [Theory]
    [InlineData("tenantId", "\"another-tenant\"", "'tenantId' is 'another-tenant'")]
    [InlineData("seq", "0", "out of order")]
    [InlineData("type", "\"incident_closed\"", "'incident_closed' is not an event type")]
    public async Task A_field_the_chain_does_not_cover_is_refused_when_it_disagrees_with_what_is_derived(string field, string value, string message)
    {
        var lines = await ArchiveAsync();
        var second = Array.FindIndex(lines, 1, l => l.StartsWith("{\"seq\":", StringComparison.Ordinal));
        var line = JsonNode.Parse(lines[second])!.AsObject();
        line[field] = JsonNode.Parse(value);
        var changed = (string[])lines.Clone();
        changed[second] = line.ToJsonString();
        await using var target = new ApiHost();
        await target.InitializeAsync();

        var refused = await Assert.ThrowsAsync<ArchiveException>(() => RestoreAsync(target, changed));

        Assert.Equal(second + 1, refused.Line);
        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
        await AssertEmptyAsync(target);
    }

    [Fact]
    public async Task The_event_id_and_the_clr_type_are_derived_not_taken_from_the_archive()
    {
        var lines = await ArchiveAsync();
        var forgedId = Guid.NewGuid();
        var first = Array.FindIndex(lines, l => l.StartsWith("{\"seq\":", StringComparison.Ordinal));
        var line = JsonNode.Parse(lines[first])!.AsObject();
        var originalType = (string)line["dotnetType"]!;
        line["id"] = forgedId;
        line["dotnetType"] = "System.String, System.Private.CoreLib";
        var changed = (string[])lines.Clone();
        changed[first] = line.ToJsonString();
        await using var target = new ApiHost();
        await target.InitializeAsync();

        await RestoreAsync(target, changed);

        Assert.Equal(0, await target.CountAsync($"mt_events WHERE id = '{forgedId}'"));
        Assert.Equal(0, await target.CountAsync("mt_events WHERE mt_dotnet_type = 'System.String, System.Private.CoreLib'"));
        Assert.Equal(1, await target.CountAsync($"mt_events WHERE stream_id = '{(string)line["streamId"]!}' AND version = 1 AND mt_dotnet_type = '{originalType}'"));
        var again = (await target.CreateClient().GetStringAsync(new Uri("/api/export/events.jsonl", UriKind.Relative))).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Field(lines, "dotnetType"), Field(again, "dotnetType"));
        Assert.Equal(Field(lines, "hash"), Field(again, "hash"));
    }

    private async Task<string[]> ArchiveAsync() =>
        (await source.CreateClient().GetStringAsync(new Uri("/api/export/events.jsonl", UriKind.Relative))).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static Task<RestoreResult> RestoreAsync(ApiHost target, IEnumerable<string> lines)
    {
        var text = string.Join('\n', lines);
        return target.Services.GetRequiredService<EventArchive>().RestoreAsync(() => new StringReader(text), CancellationToken.None);
    }

    private static bool IsView(string line, string incident) => line.StartsWith("{\"view\":{\"streamId\":\"" + incident, StringComparison.Ordinal);

    private static string SetView(string line, string field, string value)
    {
        var json = JsonNode.Parse(line)!.AsObject();
        json["view"]![field] = value;
        return json.ToJsonString();
    }

    private static IEnumerable<string> Field(IEnumerable<string> lines, string field) =>
        lines.Where(l => l.StartsWith("{\"seq\":", StringComparison.Ordinal))
            .Select(l => JsonNode.Parse(l)!)
            .Select(l => $"{l["streamId"]}:{l["version"]}:{l[field]}")
            .Order(StringComparer.Ordinal);

    /// <summary>Changes an event line and computes its link again, with the database's own hash function, as a forger would.</summary>
    private async Task<string> RelinkAsync(string text, Action<JsonObject> change)
    {
        var line = JsonNode.Parse(text)!.AsObject();
        change(line);
        await using var dataSource = NpgsqlDataSource.Create(source.ConnectionString);
        await using var command = dataSource.CreateCommand(
            $"SELECT encode(\"{source.Schema}\".event_hash(decode($1, 'hex'), $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9, $10), 'hex')");
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)(string?)line["previous"] ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = line["streamId"]!.GetValue<Guid>() });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (long)line["version"]! });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = (string)line["type"]! });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = line["data"]!.ToJsonString() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)line["headers"]?.ToJsonString() ?? DBNull.Value });
        foreach (var name in new[] { "userName", "correlationId", "causationId" })
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)(string?)line[name] ?? DBNull.Value });
        }

        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = DateTimeOffset.Parse((string)line["recordedAt"]!, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime() });
        line["hash"] = (string)(await command.ExecuteScalarAsync())!;
        return line.ToJsonString();
    }

    /// <summary>Nothing of a refused restore is left: no stream, no event, no link, and no staging schema.</summary>
    private static async Task AssertEmptyAsync(ApiHost target)
    {
        Assert.Equal((0, 0, 0), (await target.CountAsync("mt_streams"), await target.CountAsync("mt_events"), await target.CountAsync("event_hashes")));
        await using var dataSource = NpgsqlDataSource.Create(target.ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM information_schema.schemata WHERE schema_name = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = target.Schema + "_restore" });
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
    }
}
