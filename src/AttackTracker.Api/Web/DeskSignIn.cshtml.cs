using AttackTracker.Api.Keys;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AttackTracker.Api.Web;

/// <summary>
/// The desk's sign-in (/desk/sign-in): an analyst's or editor's API key, checked once, becomes a
/// session cookie (<see cref="DeskSession"/>). A reader's key is refused: the desk writes.
/// </summary>
public sealed class DeskSignInModel(ApiKeys keys, IConfiguration configuration) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "returnUrl")]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Ended { get; set; }

    [BindProperty(SupportsGet = true, Name = "signedOut")]
    public string? SignedOut { get; set; }

    [BindProperty]
    public string? Key { get; set; }

    public string? Problem { get; private set; }

    public string LifetimeText
    {
        get
        {
            var lifetime = DeskSession.Lifetime(configuration);
            return lifetime.TotalHours >= 1 ? $"{lifetime.TotalHours:0.#} hours" : $"{lifetime.TotalMinutes:0.#} minutes";
        }
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var secret = Key?.Trim() ?? string.Empty;
        var key = secret.Length is > 0 and <= 200 ? await keys.FindActiveAsync(secret, cancellationToken) : null;
        if (key is null)
        {
            Problem = "This key is unknown or revoked. Paste the whole key (atk_…) as it was given to you.";
            return Page();
        }

        if (key.Role is not (Roles.Analyst or Roles.Editor))
        {
            Problem = $"The key '{key.Name}' has the role '{key.Role}', which may read but not write reports. Sign in with an analyst's or an editor's key.";
            return Page();
        }

        await DeskSession.SignInAsync(HttpContext, key, secret);
        return LocalRedirect(ReturnUrl is { } url && url.StartsWith("/desk", StringComparison.Ordinal) && Url.IsLocalUrl(url) ? url : "/desk");
    }
}
