using System.Collections.Concurrent;
using AttackTracker.Api.Keys;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace AttackTracker.Api.Exchange;

/// <summary>
/// What exports may cost (docs/export.md):
/// <list type="bullet">
/// <item>Exports:Concurrent (default 2) pieces of database work at once. An export takes a slot for
/// each page it reads and gives it back before it writes the page out, so a client that reads
/// slowly holds no slot and no transaction, only its own connection.</item>
/// <item>Exports:PerClient (default 2) exports open at once per client (its key, or its address),
/// beyond which 429.</item>
/// <item>Exports:MaxDuration (default 30 min) for a whole export: past it the connection is cut, so
/// the download is visibly incomplete (the archive's end line is missing).</item>
/// <item>Exports:MinBytesPerSecond (default 1024) that a client must read at, after a grace of
/// 10 s (Kestrel's minimum response data rate).</item>
/// </list>
/// </summary>
public sealed class ExportSlots : IDisposable
{
    private readonly SemaphoreSlim _database;
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);
    private readonly int _perClient;
    private readonly double _minBytesPerSecond;

    public ExportSlots(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _database = new SemaphoreSlim(Math.Max(1, configuration.GetValue("Exports:Concurrent", 2)));
        _perClient = Math.Max(1, configuration.GetValue("Exports:PerClient", 2));
        MaxDuration = configuration.GetValue("Exports:MaxDuration", TimeSpan.FromMinutes(30)) is { Ticks: > 0 } duration ? duration : TimeSpan.FromMinutes(30);
        _minBytesPerSecond = Math.Max(0, configuration.GetValue("Exports:MinBytesPerSecond", 1024d));
    }

    public TimeSpan MaxDuration { get; }

    /// <summary>Runs one piece of an export's database work in a slot, waiting for one when all are taken.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await _database.WaitAsync(cancellationToken);
        try
        {
            return await work(cancellationToken);
        }
        finally
        {
            _database.Release();
        }
    }

    /// <summary>
    /// Streams <paramref name="write"/> as the response, counted against the client's open exports
    /// and cut off after <see cref="MaxDuration"/>; 429 with Retry-After when the client has its
    /// limit open already.
    /// </summary>
    public IResult Stream(HttpContext http, Func<Stream, CancellationToken, Task> write, string contentType, string fileName)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(write);
        var client = Clients.Of(http);
        if (_open.AddOrUpdate(client, 1, (_, n) => n + 1) > _perClient)
        {
            Close(client);
            http.Response.Headers.RetryAfter = "30";
            return TypedResults.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many exports are open for this client.",
                detail: $"At most {_perClient} exports stream at once per key (or per address); retry when one has finished.",
                type: "https://attacktracker.dev/problems/rate-limited");
        }

        if (_minBytesPerSecond > 0 && http.Features.Get<IHttpMinResponseDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = new Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate(_minBytesPerSecond, TimeSpan.FromSeconds(10));
        }

        return TypedResults.Stream(
            async stream =>
            {
                using var deadline = new CancellationTokenSource(MaxDuration);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, deadline.Token);
                // Past its time the connection is cut, even under a write that does not watch the
                // token, so the client cannot take a partial file for a whole one.
                await using var cut = deadline.Token.Register(http.Abort);
                try
                {
                    await write(stream, linked.Token);
                }
                catch (Exception ex) when (ex is OperationCanceledException or IOException && deadline.IsCancellationRequested)
                {
                    // Cut off, above.
                }
                finally
                {
                    Close(client);
                }
            },
            contentType,
            fileName);
    }

    private void Close(string client)
    {
        if (_open.AddOrUpdate(client, 0, (_, n) => n - 1) <= 0)
        {
            _open.TryRemove(new KeyValuePair<string, int>(client, 0));
        }
    }

    public void Dispose() => _database.Dispose();
}
