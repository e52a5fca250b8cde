namespace AttackTracker.Api.Http;

/// <summary>The request body, read whole into memory before the endpoint runs.</summary>
public sealed record BufferedBody(byte[] Bytes, bool TooLarge);

/// <summary>
/// Reads every POST body but an import's (up to <see cref="StrictJson.BodyLimit"/> bytes) before the
/// endpoint runs, so <see cref="StrictJson.Read{T}"/> parses bytes already in memory, keeps them for the
/// idempotency fingerprint, and refuses a body past the limit without reading the rest. The generated
/// handlers call the endpoint directly, and <see cref="IncidentWrites"/> reads and validates the body
/// before its load batch takes the incident's lock, so a slow client never holds that lock.
/// </summary>
public static class RequestBuffering
{
    private static readonly object Key = new();

    public static IApplicationBuilder UseRequestBuffering(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use(async (http, next) =>
        {
            // An import streams its (large) CSV body itself.
            if (HttpMethods.IsPost(http.Request.Method) && !http.Request.Path.StartsWithSegments("/api/import", StringComparison.Ordinal))
            {
                http.Items[Key] = await ReadAsync(http.Request, http.RequestAborted);
            }

            await next(http);
        });
    }

    public static BufferedBody Body(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Items.TryGetValue(Key, out var body) && body is BufferedBody buffered ? buffered : new BufferedBody([], false);
    }

    private static async Task<BufferedBody> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > StrictJson.BodyLimit)
        {
            return new BufferedBody([], true);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > StrictJson.BodyLimit)
            {
                return new BufferedBody([], true);
            }

            buffer.Write(chunk, 0, read);
        }

        return new BufferedBody(buffer.ToArray(), false);
    }
}
