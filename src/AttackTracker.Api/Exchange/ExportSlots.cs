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

    public void Dispose() => _slots.Dispose();
}
