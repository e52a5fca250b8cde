using AttackTracker.Api.Store;
using NpgsqlTypes;

namespace AttackTracker.Api.Http;

/// <summary>
/// Puts each read request on its place before the endpoint runs, and gives every read and write
/// the read-your-writes token (X-Read-After, docs/api.md#read-your-writes). Only when reads may
/// come from a standby (ConnectionStrings:EventStoreReads); with one database it does nothing.
/// </summary>
public static class ReadRouting
{
    /// <summary>
    /// The reads that may come from a standby: incident views (live and as of), their reports,
    /// history and events, lists, search, sources, statistics, groups and the web pages. Not the
    /// admin endpoints, subscriptions, import jobs, exports or the live feed, which stay on the primary.
    /// </summary>
    private static readonly string[] RoutedPrefixes = ["/api/incidents", "/api/reports", "/api/sources", "/api/stats", "/api/groups", "/incidents", "/stats"];

    public static IApplicationBuilder UseReadRouting(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use(async (http, next) =>
        {
            var reads = http.RequestServices.GetRequiredService<ReadSessions>();
            if (!reads.Enabled)
            {
                await next(http);
                return;
            }

            var after = (NpgsqlLogSequenceNumber?)null;
            if (http.Request.Headers[ReadSessions.HeaderName] is { Count: > 0 } sent)
            {
                if (sent.Count > 1 || !NpgsqlLogSequenceNumber.TryParse(sent[0] ?? string.Empty, out var parsed))
                {
                    await Problems.Field(ReadSessions.HeaderName, "must be one WAL position such as 16/B374D848, as an earlier response's X-Read-After gave it.").ExecuteAsync(http);
                    return;
                }

                after = parsed;
            }

            if (IsRoutedRead(http.Request))
            {
                if (await reads.RouteAsync(after, http.RequestAborted) is { } route)
                {
                    http.Features.Set(route);
                    http.Response.RegisterForDisposeAsync(route);
                    http.Response.Headers[ReadSessions.HeaderName] = Text(route.Position);
                }
                else
                {
                    AnswerWithPrimaryPosition(http, reads);
                }
            }
            else if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method))
            {
                AnswerWithPrimaryPosition(http, reads);
            }

            await next(http);
        });
    }

    public static bool IsRoutedRead(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }

        return IsRoutedPath(request.Path);
    }

    /// <summary>Whether a read of this path may come from a standby (and so takes and answers X-Read-After).</summary>
    public static bool IsRoutedPath(PathString path) =>
        path == "/" || RoutedPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A write, or a read the primary served: the primary's flushed position once the answer is
    /// ready, at or past the commit of the write (a commit is acknowledged after its flush) and of
    /// everything the read saw. Left out of a 5xx, and when the primary cannot say.
    /// </summary>
    private static void AnswerWithPrimaryPosition(HttpContext http, ReadSessions reads) =>
        http.Response.OnStarting(async () =>
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            if (http.Response.StatusCode < 500 && await reads.PrimaryPositionAsync(timeout.Token) is { } position)
            {
                http.Response.Headers[ReadSessions.HeaderName] = Text(position);
            }
        });

    private static string Text(NpgsqlLogSequenceNumber position) => position.ToString();
}
