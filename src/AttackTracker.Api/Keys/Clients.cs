namespace AttackTracker.Api.Keys;

/// <summary>
/// Who a request is, for the limits kept per client: the key's name when a valid key was sent,
/// else the remote address. The rate limiter, the exports and the live feeds count by it.
/// </summary>
public static class Clients
{
    public static string Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.User.Identity is { IsAuthenticated: true, Name: { } name } ? "key:" + name : "ip:" + http.Connection.RemoteIpAddress;
    }
}
