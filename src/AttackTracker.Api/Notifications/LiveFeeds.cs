using System.Collections.Concurrent;
using System.Text;
using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain.Notifications;

namespace AttackTracker.Api.Notifications;

/// <summary>
/// The open live feeds, so that they cannot take every connection the service has: at most
/// Webhooks:MaxLiveFeeds in all, and Webhooks:MaxLiveFeedsPerClient per client (its key, or its
/// address); and the one <see cref="HorizonWatch"/> they wait on.
/// </summary>
public sealed class LiveFeeds(ChangeFeed feed, WebhookSettings settings, HorizonWatch horizon)
{
    private readonly ConcurrentDictionary<string, int> _perClient = new(StringComparer.Ordinal);
    private int _open;

    public ChangeFeed Feed => feed;

    public WebhookSettings Settings => settings;

    public HorizonWatch Horizon => horizon;

    /// <summary>Null when the client may open one more; else the status to answer: 429 for the client's own limit, 503 for the node's.</summary>
    public int? TryOpen(string client)
    {
        if (_perClient.AddOrUpdate(client, 1, (_, n) => n + 1) > settings.MaxLiveFeedsPerClient)
        {
            Release(client);
            return StatusCodes.Status429TooManyRequests;
        }

        if (Interlocked.Increment(ref _open) > settings.MaxLiveFeeds)
        {
            Interlocked.Decrement(ref _open);
            Release(client);
            return StatusCodes.Status503ServiceUnavailable;
        }

        return null;
    }

    public void Close(string client)
    {
        Interlocked.Decrement(ref _open);
        Release(client);
    }

    private void Release(string client)
    {
        if (_perClient.AddOrUpdate(client, 0, (_, n) => n - 1) <= 0)
        {
            _perClient.TryRemove(new KeyValuePair<string, int>(client, 0));
        }
    }
}

/// <summary>
/// The live feed: what is there after the start, then what comes, as text/event-stream. Each
/// event carries its position as id, so a client that reconnects with Last-Event-ID resumes right
/// after the last event it received; an id past the feed's horizon is no id this feed gave (a
/// database restored or replaced since), and is refused with 400 rather than waited on. Between
/// changes a feed waits on the node's one <see cref="HorizonWatch"/> and costs no query; a
/// comment line every 15 s keeps idle connections open.
/// </summary>
public sealed class ChangeEventsResult(LiveFeeds live, SubscriptionFilter filter, (FeedPosition Position, string Name)? start, bool follow) : IResult
{
    private const int PageSize = 200;
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (start is { } from && (await live.Feed.HorizonAsync(httpContext.RequestAborted)).Sequence < from.Position.Sequence)
        {
            await Problems.Field(from.Name, $"'{from.Position}' is past the feed's current position: it is no event id of this feed (was the database restored or replaced?). Start again with 0-0, or without it for what comes next.")
                .ExecuteAsync(httpContext);
            return;
        }

        var client = Clients.Of(httpContext);
        if (live.TryOpen(client) is { } refused)
        {
            httpContext.Response.Headers.RetryAfter = "30";
            await (refused == StatusCodes.Status429TooManyRequests
                ? TypedResults.Problem(statusCode: refused, title: "Too many live feeds are open for this client.",
                    detail: $"At most {live.Settings.MaxLiveFeedsPerClient} are served at once per key (or per address); close one first.", type: "https://attacktracker.dev/problems/rate-limited")
                : TypedResults.Problem(statusCode: refused, title: "Too many live feeds are open.",
                    detail: $"At most {live.Settings.MaxLiveFeeds} are served at once; try again later.", type: "https://attacktracker.dev/problems/unavailable")).ExecuteAsync(httpContext);
            return;
        }

        try
        {
            await StreamAsync(httpContext, httpContext.RequestAborted);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        finally
        {
            live.Close(client);
        }
    }

    private async Task StreamAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var response = http.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        var position = start?.Position ?? await live.Feed.HorizonAsync(cancellationToken);
        var text = new StringBuilder();
        text.Append("retry: 2000\n\n");
        var lastWrite = DateTime.UtcNow;
        while (true)
        {
            var (entries, scanned) = await live.Feed.ReadAsync(position, filter, PageSize, cancellationToken);
            foreach (var entry in entries)
            {
                // A body is one line of JSON: no newline can end the data field early.
                text.Append("id: ").Append(entry.Position.ToString()).Append('\n')
                    .Append("event: ").Append(entry.Kind).Append('\n')
                    .Append("data: ").Append(entry.Body).Append("\n\n");
            }

            position = scanned;
            if (text.Length > 0)
            {
                await response.WriteAsync(text.ToString(), cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
                text.Clear();
                lastWrite = DateTime.UtcNow;
            }

            if (entries.Count == PageSize)
            {
                continue;
            }

            if (!follow)
            {
                return;
            }

            // Until the horizon moves past what was scanned, or it is time for a keep-alive.
            await live.Horizon.WaitPastAsync(position.Sequence, KeepAlive - (DateTime.UtcNow - lastWrite), cancellationToken);
            if (DateTime.UtcNow - lastWrite >= KeepAlive)
            {
                text.Append(": keep-alive\n\n");
            }
        }
    }
}
