using System.Net;
using AttackTracker.Api.Exchange;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AttackTracker.Api.Tests.Exchange;

public sealed class SlowExportHost : ApiHost
{
    protected override bool LoadSamples => true;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Exports:Concurrent"] = "1",
        ["Exports:PerClient"] = "2",
        ["Exports:MaxDuration"] = "00:00:05",
    };
}

/// <summary>Exports that a client reads slowly (or not at all) cost that client's own slots, hold no transaction, and end in time (docs/export.md).</summary>
public sealed class ExportSlotTests(SlowExportHost host) : IClassFixture<SlowExportHost>
{
    private static readonly IPAddress SlowClient = IPAddress.Parse("203.0.113.7");

    [Fact]
    public async Task Two_stalled_downloads_hold_no_transaction_others_export_meanwhile_and_they_are_cut_off_in_time()
    {
        var stalled = new[] { Stall<ArchiveExporter>(ExportEventsEndpoint.Get), Stall<GtdExporter>(ExportGtdEndpoint.Get) };
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.All(stalled, s => Assert.False(s.Running.IsCompleted, "the stalled export ended early"));

        var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/export/events.jsonl", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/export/gtd.csv", UriKind.Relative))).StatusCode);
        Assert.Equal(0L, await OpenTransactionsAsync());

        var third = Stall<ArchiveExporter>(ExportEventsEndpoint.Get);
        Assert.Equal(StatusCodes.Status429TooManyRequests, third.Context.Response.StatusCode);

        var ended = Task.WhenAll(stalled.Select(s => s.Running));
        Assert.Same(ended, await Task.WhenAny(ended, Task.Delay(TimeSpan.FromSeconds(20))));
        Assert.All(stalled, s => Assert.True(s.Aborted.IsCancellationRequested, "the connection of an export past its time was not cut"));
        var after = Stall<GtdExporter>(ExportGtdEndpoint.Get);
        Assert.NotEqual(StatusCodes.Status429TooManyRequests, after.Context.Response.StatusCode);
        await after.Aborted.CancelAsync();
    }

    private delegate IResult Endpoint<TExporter>(HttpContext http, TExporter exporter, ExportSlots slots);

    private (HttpContext Context, Task Running, CancellationTokenSource Aborted) Stall<TExporter>(Endpoint<TExporter> endpoint)
        where TExporter : notnull
    {
        var aborted = new CancellationTokenSource();
        var http = new DefaultHttpContext { RequestServices = host.Services };
        http.Features.Set<IHttpRequestLifetimeFeature>(new Lifetime(aborted));
        http.Connection.RemoteIpAddress = SlowClient;
        http.Response.Body = new StalledStream(aborted.Token);
        var result = endpoint(http, host.Services.GetRequiredService<TExporter>(), host.Services.GetRequiredService<ExportSlots>());
        if (result is IStatusCodeHttpResult { StatusCode: { } status } && status != StatusCodes.Status200OK)
        {
            http.Response.StatusCode = status;
            return (http, Task.CompletedTask, aborted);
        }

        return (http, Task.Run(() => result.ExecuteAsync(http)), aborted);
    }

    /// <summary>Transactions of this class's schema open for more than a second.</summary>
    private async Task<long> OpenTransactionsAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(host.ConnectionString);
        await using var command = dataSource.CreateCommand("""
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND xact_start < now() - interval '1 second' AND position($1 in query) > 0 AND pid <> pg_backend_pid()
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = host.Schema });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>What Kestrel gives a request: Abort cuts the connection, which fails the writes waiting on it.</summary>
    private sealed class Lifetime(CancellationTokenSource aborted) : IHttpRequestLifetimeFeature
    {
        public CancellationToken RequestAborted { get; set; } = aborted.Token;

        public void Abort() => aborted.Cancel();
    }

    /// <summary>A client that stops reading: every write waits until the connection is cut.</summary>
    private sealed class StalledStream(CancellationToken aborted) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => throw new NotSupportedException("an export writes asynchronously");

        public override Task FlushAsync(CancellationToken cancellationToken) => StallAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("an export writes asynchronously");

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => await StallAsync(cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => StallAsync(cancellationToken);

        private async Task StallAsync(CancellationToken cancellationToken)
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(aborted, cancellationToken);
            try
            {
                await Task.Delay(Timeout.Infinite, either.Token);
            }
            catch (OperationCanceledException)
            {
                throw new IOException("The connection was cut.");
            }
        }
    }
}
