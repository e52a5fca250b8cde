using System.Security.Claims;
using System.Text.Encodings.Web;
using AttackTracker.Api.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AttackTracker.Api.Keys;

/// <summary>
/// Reads a key from "X-Api-Key: …" or "Authorization: Bearer …". No key is anonymous; a key that
/// is unknown or revoked fails, and <see cref="SecuritySetup"/> answers 401 for it even on open reads.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // /health needs no key and is never rate-limited (a load balancer's probes must not starve),
        // so it looks no key up: otherwise it would try keys at the database's cost, unlimited.
        if (Request.Path.StartsWithSegments("/health"))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = Request.Headers[Header].ToString();
        if (secret.Length == 0 && Request.Headers.Authorization.ToString() is { } authorization
            && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            secret = authorization["Bearer ".Length..].Trim();
        }

        if (secret.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        var key = secret.Length <= 200 ? await keys.FindActiveAsync(secret, Context.RequestAborted) : null;
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, key.Name), new Claim(ClaimTypes.Role, key.Role)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer realm=\"attacktracker\"";
        var sent = Request.Headers.ContainsKey(Header) || Request.Headers.Authorization.Count > 0;
        return Problems.WriteAsync(
            Context,
            StatusCodes.Status401Unauthorized,
            sent ? "The API key is unknown or revoked." : "An API key is required.",
            $"Send a valid key in the {Header} header (or Authorization: Bearer).",
            "unauthorized");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(
            Context, StatusCodes.Status403Forbidden, "This API key's role may not do this.",
            $"The key '{Context.User.Identity?.Name}' has the role '{Context.User.FindFirstValue(ClaimTypes.Role)}'.", "forbidden");
}
