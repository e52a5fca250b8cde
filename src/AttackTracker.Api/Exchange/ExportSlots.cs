namespace AttackTracker.Api.Exchange;

/// <summary>
/// How many exports stream at once (Exports:Concurrent, default 2). Each holds a database
/// connection while a client reads, at whatever pace the client reads: without a bound, a few
/// slow readers could take the pool from every other request.
/// </summary>
public sealed class ExportSlots(IConfiguration configuration) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, configuration.GetValue("Exports:Concurrent", 2)));

    public bool TryEnter() => _slots.Wait(0);

    public void Release() => _slots.Release();

    /// <summary>The answer while every slot is taken: 503 with Retry-After, nothing started.</summary>
    public static IResult Busy(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.RetryAfter = "5";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Every export slot is in use.",
            detail: "Exports stream one at a time per slot; retry in a few seconds.",
            type: "https://attacktracker.dev/problems/unavailable");
    }

    /// <summary>Streams <paramref name="write"/> in a slot, or answers <see cref="Busy"/> when none is free.</summary>
    public IResult Stream(HttpContext http, Func<Stream, CancellationToken, Task> write, string contentType, string fileName)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(write);
        if (!TryEnter())
        {
            return Busy(http);
        }

        return TypedResults.Stream(
            async stream =>
            {
                try
                {
                    await write(stream, http.RequestAborted);
                }
                finally
                {
                    Release();
                }
            },
            contentType,
            fileName);
    }

    public void Dispose() => _slots.Dispose();
}
