using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AttackTracker.Api.Tests.Store;

/// <summary>The stored events and their hash chain are append-only for the service role and the owner alike.</summary>
public sealed class AppendOnlyTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task The_service_role_cannot_change_or_remove_stored_events_or_their_links()
    {
        var client = host.CreateClient();
        var id = await client.OpenIncidentAsync();
        var service = host.Services.GetRequiredService<NpgsqlDataSource>();

        async Task<PostgresException> AsServiceAsync(string sql)
        {
            await using var command = service.CreateCommand(sql.Replace("__schema__", $"\"{host.Schema}\"", StringComparison.Ordinal));
            return await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        }

        PostgresException[] refused =
        [
            await AsServiceAsync($"UPDATE __schema__.mt_events SET data = '{{}}' WHERE stream_id = '{id}'"),
            await AsServiceAsync($"DELETE FROM __schema__.mt_events WHERE stream_id = '{id}'"),
            await AsServiceAsync("TRUNCATE __schema__.mt_events"),
            await AsServiceAsync($"UPDATE __schema__.event_hashes SET hash = '\\x00' WHERE stream_id = '{id}'"),
            await AsServiceAsync($"DELETE FROM __schema__.event_hashes WHERE stream_id = '{id}'"),
            await AsServiceAsync($"INSERT INTO __schema__.event_hashes (stream_id, version, seq_id, recorded_at, hash) VALUES ('{id}', 9, 9, now(), '\\x00')"),
            await AsServiceAsync($"DELETE FROM __schema__.mt_streams WHERE id = '{id}'"),
            await AsServiceAsync("DELETE FROM __schema__.api_keys"),
            await AsServiceAsync("TRUNCATE __schema__.idempotency_keys"),
            await AsServiceAsync("SELECT setval('__schema__.mt_events_sequence', 1)"),
        ];
        await using var whoami = service.CreateCommand("SELECT current_user");

        Assert.Equal("attacktracker_service", await whoami.ExecuteScalarAsync());
        Assert.All(refused, e => Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState));
        var integrity = await client.GetJsonAsync($"/api/incidents/{id}/integrity");
        Assert.Equal((1L, true), ((long)integrity["eventsChecked"]!, (bool)integrity["intact"]!));
    }

    [Fact]
    public async Task Even_the_owner_cannot_update_delete_or_truncate_events()
    {
        var id = await host.CreateClient().OpenIncidentAsync();

        foreach (var sql in new[]
        {
            $"UPDATE __schema__.mt_events SET data = '{{}}' WHERE stream_id = '{id}'",
            $"DELETE FROM __schema__.mt_events WHERE stream_id = '{id}'",
            "TRUNCATE __schema__.mt_events",
            $"UPDATE __schema__.event_hashes SET hash = '\\x00' WHERE stream_id = '{id}'",
        })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => host.ExecuteAsync(sql));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
            Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        }

        Assert.Equal(1L, await host.CountAsync($"mt_events WHERE stream_id = '{id}'"));
    }
}
