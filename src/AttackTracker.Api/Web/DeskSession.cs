using System.Security.Claims;
using AttackTracker.Api.Keys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AttackTracker.Api.Web;

/// <summary>
/// The desk's session (docs/desk.md): an API key typed once on the sign-in page becomes a cookie,
/// HttpOnly, SameSite=Strict, Secure outside Development, scoped to /desk, with a fixed lifetime
/// (Desk:SessionLifetime, 8 hours by default) that using it does not extend. The cookie keeps the
/// key's name, role and hash, never the key; each request checks the hash against the keys
/// table (through ApiKeys' short cache), so revoking or rotating the key ends its sessions. Every
/// form carries an antiforgery token, and a POST without it is refused.
/// </summary>
public static class DeskSession
{
    public const string Scheme = "Desk";
    public const string Policy = "desk";
    public const string CookieName = "atk_desk";
    public const string SignInPath = "/desk/sign-in";

    private const string KeyHashClaim = "atk:key-sha256";

    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(8);

    public static TimeSpan Lifetime(IConfiguration configuration) => configuration.GetValue("Desk:SessionLifetime", DefaultLifetime);

    public static void AddDeskSession(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var secure = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        var lifetime = Lifetime(builder.Configuration);
        builder.Services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.Path = "/desk";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = secure;
            cookie.ExpireTimeSpan = lifetime;
            cookie.SlidingExpiration = false;
            cookie.LoginPath = SignInPath;
            cookie.AccessDeniedPath = SignInPath;
            cookie.ReturnUrlParameter = "returnUrl";
            cookie.Events.OnValidatePrincipal = ValidateAsync;
            cookie.Events.OnRedirectToLogin = context =>
            {
                // A request that still carries a session cookie had a session that ended (it
                // expired, or its key was revoked): the sign-in page says so.
                var ended = context.Request.Cookies.ContainsKey(CookieName);
                context.Response.Redirect(ended ? context.RedirectUri + "&ended=1" : context.RedirectUri);
                return Task.CompletedTask;
            };
        });
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(Scheme)
            .RequireRole(Roles.Analyst, Roles.Editor));
        builder.Services.AddSingleton<DeskSubmission>();
        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "atk_csrf";
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = secure;
        });
    }

    /// <summary>Signs the key in: its name, role and hash in the cookie, for the configured lifetime from now.</summary>
    public static Task SignInAsync(HttpContext http, ApiKeyInfo key, string secret)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(key);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, key.Name), new Claim(ClaimTypes.Role, key.Role), new Claim(KeyHashClaim, Convert.ToHexString(ApiKeys.Hash(secret)))],
            Scheme);
        return http.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false, AllowRefresh = false });
    }

    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(Scheme);

    /// <summary>The session ends when its key is revoked, rotated or given another role.</summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var hash = context.Principal?.FindFirstValue(KeyHashClaim);
        var role = context.Principal?.FindFirstValue(ClaimTypes.Role);
        var keys = context.HttpContext.RequestServices.GetRequiredService<ApiKeys>();
        if (hash is not { Length: 64 } || !hash.All(char.IsAsciiHexDigit)
            || await keys.FindActiveByHashAsync(hash, context.HttpContext.RequestAborted) is not { } key || key.Role != role)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }
}
