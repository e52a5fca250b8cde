using System.Diagnostics;
using AttackTracker.Api.Store;
using JasperFx;
using Marten;
using Marten.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Xunit.Abstractions;

namespace AttackTracker.Api.Tests.Store;

public sealed class FeedHost : ApiHost
{
    public FeedProbe Probe { get; } = new();

    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.ConfigureMarten(options => options.Events.Subscribe(Probe));
        services.AddSingleton<ILoggerProvider>(Logs);
    }
}

/// <summary>A test event on streams of its own: the feed carries every event type, not only incidents'.</summary>
public sealed record FeedPing(int Writer, int Number);

/// <summary>
/// The global feed for consumers is Marten's async daemon. Eight writers append concurrently, many
/// of them racing for the same streams with an expected version (so some lose and Marten writes
/// tombstones), while one transaction holds sequence numbers it has not committed for longer than
/// the daemon's stale-gap threshold. A subscription must be handed every committed event exactly
/// once, and catch up within a second of the last commit.
/// </summary>
public sealed class FeedTests(FeedHost host, ITestOutputHelper output) : IClassFixture<FeedHost>
{
    private const int Writers = 8;
    private const int AppendsPerWriter = 120;
    private static readonly TimeSpan LongTransaction = TimeSpan.FromSeconds(4.5);

    [Fact]
    public async Task A_subscription_sees_every_committed_event_exactly_once_and_catches_up_within_a_second()
    {
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var clock = host.Services.GetRequiredService<RecordingClock>();
        var hot = Enumerable.Range(0, 4).Select(_ => Guid.CreateVersion7()).ToArray();
        var cold = Enumerable.Range(0, 32).Select(_ => Guid.CreateVersion7()).ToArray();
        foreach (var stream in hot.Concat(cold))
        {
            await using var session = store.LightweightSession();
            session.Events.StartStream(stream, session.Stamp(new FeedPing(-1, 0), await clock.NowAsync(session, null, default)));
            await session.SaveChangesAsync();
        }

        var conflicts = 0;
        async Task WriteAsync(int writer)
        {
            var random = new Random(writer);
            for (var n = 0; n < AppendsPerWriter; n++)
            {
                // Half the appends go to four streams every writer shares, so optimistic appends collide.
                var stream = n % 2 == 0 ? hot[random.Next(hot.Length)] : cold[random.Next(cold.Length)];
                var events = writer % 2 == 0 ? 1 : 10;
                await using var session = store.LightweightSession();
                var state = await session.Events.FetchStreamStateAsync(stream);
                var at = await clock.NowAsync(session, state!.LastTimestamp, default);
                session.Events.Append(stream, state.Version + events, [.. Enumerable.Range(0, events).Select(i => session.Stamp(new FeedPing(writer, (n * 10) + i), at))]);
                try
                {
                    await session.SaveChangesAsync();
                }
                catch (ConcurrencyException)
                {
                    Interlocked.Increment(ref conflicts);
                }
            }
        }

        // Appends, then holds its transaction open past the daemon's stale-gap threshold (3 s).
        async Task HoldAsync()
        {
            await using var connection = await host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var session = store.LightweightSession(SessionOptions.ForTransaction(transaction));
            var at = await clock.NowAsync(session, null, default);
            session.Events.StartStream(Guid.CreateVersion7(), [.. Enumerable.Range(0, 5).Select(i => session.Stamp(new FeedPing(99, i), at))]);
            await session.SaveChangesAsync();
            await Task.Delay(LongTransaction);
            await transaction.CommitAsync();
        }

        var load = Stopwatch.StartNew();
        await Task.WhenAll([HoldAsync(), .. Enumerable.Range(0, Writers).Select(WriteAsync)]);
        var writesStopped = load.Elapsed;
        var committed = await CommittedEventIdsAsync();

        var caughtUp = Stopwatch.StartNew();
        while (caughtUp.Elapsed < TimeSpan.FromSeconds(20) && !committed.All(host.Probe.Seen.ContainsKey))
        {
            await Task.Delay(20);
        }

        var lag = caughtUp.Elapsed;
        var missed = committed.Count(id => !host.Probe.Seen.ContainsKey(id));
        var duplicated = host.Probe.Seen.Count(s => s.Value > 1);
        var unknown = host.Probe.Seen.Keys.Count(id => !committed.Contains(id));
        output.WriteLine(
            $"{committed.Count} events committed in {writesStopped.TotalSeconds:F1} s, {conflicts} optimistic losers; "
            + $"missed {missed}, duplicated {duplicated}; caught up {lag.TotalMilliseconds:F0} ms after the last commit");
        Assert.True(conflicts > 0, "the scenario should include optimistic-concurrency losers");
        Assert.True(writesStopped > LongTransaction, "the long transaction should outlast the other writers");
        Assert.Equal((0, 0, 0), (missed, duplicated, unknown));
        Assert.True(lag < TimeSpan.FromSeconds(1), $"the subscription caught up {lag.TotalMilliseconds:F0} ms after the last commit");
        Assert.True(committed.Count > Writers * AppendsPerWriter, $"{committed.Count} events were committed");
        Assert.DoesNotContain(host.Logs.Errors, e => e.Category.StartsWith("Marten", StringComparison.Ordinal) || e.Category.EndsWith(nameof(StoreLogger), StringComparison.Ordinal));
    }

    private async Task<HashSet<Guid>> CommittedEventIdsAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(host.ConnectionString);
        await using var command = dataSource.CreateCommand($"SELECT id FROM \"{host.Schema}\".mt_events WHERE type <> 'tombstone'");
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new HashSet<Guid>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }
}
