using Microsoft.Extensions.FileProviders;

namespace AttackTracker.Api.Web;

/// <summary>
/// The server-rendered pages (docs/web.md): Razor Pages from this folder, their stylesheet and
/// script from <c>Web/assets</c> at <c>/assets</c>, and no other origin. The pages only read, and
/// only while reads are open: with Auth:ReadsRequireKey a browser has no way to send a key, so
/// they are not served.
/// </summary>
public static class WebPages
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static bool Enabled(IConfiguration configuration) => !configuration.GetValue("Auth:ReadsRequireKey", false);

    public static WebApplicationBuilder AddWebPages(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (Enabled(builder.Configuration))
        {
            builder.Services.AddRazorPages(pages => pages.RootDirectory = "/Web");
            builder.AddDeskSession();
        }

        return builder;
    }

    public static WebApplication MapWebPages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!Enabled(app.Configuration))
        {
            return app;
        }

        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "Web", "assets")),
            RequestPath = "/assets",
        });
        app.MapRazorPages();
        return app;
    }
}
