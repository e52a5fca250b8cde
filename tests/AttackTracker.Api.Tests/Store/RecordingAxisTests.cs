using System.Globalization;
using System.Net;
using Alba;
using AttackTracker.Api.Store;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AttackTracker.Api.Tests.Store;

/// <summary>
/// The recording axis is a clean prefix of the stream. Marten stamps an event with the client's
/// clock when it is appended (the transaction's start, in effect), so writers that waited on the
/// incident's lock would carry times out of version order; the service stamps every commit with
/// the database's clock once it holds its locks, and a trigger refuses anything else.
/// </summary>
public sealed class RecordingAxisTests(ApiHost host) : IClassFixture<ApiHost>
{
    private sealed record Commit(long FirstVersion, long LastVersion, DateTimeOffset RecordedAt);

    [Fact]
    public async Task With_concurrent_writers_the_record_at_each_commit_time_is_exactly_the_prefix_committed_by_then()
    {
        var id = await host.CreateClient().OpenIncidentAsync();
        await Task.WhenAll(Enumerable.Range(0, 12).Select(c => Task.Run(async () =>
        {
            var client = host.CreateClient();
            for (var r = 0; r < 6; r++)
            {
                var response = await client.PostReportAsync(id, ReportBodies.Note($"writer {c} report {r}", source: $"Outlet {c}"));
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            }
        })));

        var commits = await CommitsAsync(id);

        Assert.Equal(1 + (12 * 6), commits.Count);
        for (var i = 1; i < commits.Count; i++)
        {
            Assert.Equal(commits[i - 1].LastVersion + 1, commits[i].FirstVersion);
            Assert.True(commits[i].RecordedAt > commits[i - 1].RecordedAt, $"commit {i} is recorded after commit {i - 1}");
        }

        foreach (var commit in commits.Where((_, i) => i % 7 == 0 || i == commits.Count - 1))
        {
            await host.Scenario(s =>
            {
                s.Get.Url($"/api/incidents/{id}?recordedAsOf={Uri.EscapeDataString(commit.RecordedAt.ToString("O", CultureInfo.InvariantCulture))}");
                s.ContentShouldContain($"\"version\":{commit.LastVersion},");
            });
            await host.Scenario(s =>
            {
                s.Get.Url($"/api/incidents/{id}?recordedAsOf={Uri.EscapeDataString(commit.RecordedAt.AddTicks(-10).ToString("O", CultureInfo.InvariantCulture))}");
                s.ContentShouldContain($"\"version\":{commit.FirstVersion - 1},");
            });
        }
    }

    [Fact]
    public async Task An_event_stamped_before_its_predecessor_or_ahead_of_the_database_clock_is_refused_and_nothing_is_written()
    {
        var id = await host.CreateClient().OpenIncidentAsync();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var before = await host.CountWritesAsync();

        async Task<PostgresException> AppendAsync(DateTimeOffset recordedAt)
        {
            await using var session = store.LightweightSession();
            session.Events.Append(id, session.Stamp(new Domain.Corrections.FigureAdjudicated(Domain.Reports.CasualtyCategory.Killed, 3, "r"), recordedAt));
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => session.SaveChangesAsync());
            return Assert.IsType<PostgresException>(failure.InnerException ?? failure);
        }

        var opened = (await CommitsAsync(id)).Single().RecordedAt;
        var earlier = await AppendAsync(opened.AddSeconds(-1));
        var same = await AppendAsync(opened);
        var ahead = await AppendAsync(DateTimeOffset.UtcNow.AddMinutes(5));

        Assert.All([earlier, same, ahead], e => Assert.Equal(PostgresErrorCodes.IntegrityConstraintViolation, e.SqlState));
        Assert.Contains("not after its predecessor", earlier.MessageText, StringComparison.Ordinal);
        Assert.Contains("ahead of the database clock", ahead.MessageText, StringComparison.Ordinal);
        Assert.Equal(before.Events, (await host.CountWritesAsync()).Events);
    }

    [Fact]
    public async Task The_clock_keeps_a_commit_after_the_stream_s_last_even_when_the_database_clock_says_otherwise()
    {
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var clock = host.Services.GetRequiredService<RecordingClock>();
        await using var session = store.LightweightSession();

        var now = await clock.NowAsync(session, null, default);
        var ahead = now.AddSeconds(10);

        Assert.Equal(ahead.AddTicks(TimeSpan.TicksPerMicrosecond), await clock.NowAsync(session, ahead, default));
        Assert.True(await clock.NowAsync(session, now, default) > now);
    }

    /// <summary>The stream's commits (runs of one transaction) with their recorded time, from Marten's rows and their links.</summary>
    private async Task<List<Commit>> CommitsAsync(Guid id)
    {
        await using var dataSource = NpgsqlDataSource.Create(host.ConnectionString);
        await using var command = dataSource.CreateCommand($"""
            SELECT min(e.version), max(e.version), min(e.timestamp), count(DISTINCT e.timestamp)
            FROM "{host.Schema}".mt_events e JOIN "{host.Schema}".event_hashes h ON h.stream_id = e.stream_id AND h.version = e.version
            WHERE e.stream_id = $1 GROUP BY h.tx_id ORDER BY 1
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        await using var reader = await command.ExecuteReaderAsync();
        var commits = new List<Commit>();
        while (await reader.ReadAsync())
        {
            Assert.Equal(1, reader.GetInt64(3));
            commits.Add(new Commit(reader.GetInt64(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return commits;
    }
}
