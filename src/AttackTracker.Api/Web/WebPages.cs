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
            builder.Services.AddRazorPages(pages =>
            {
                pages.RootDirectory = "/Web";
                // A query parameter a page does not read is ignored with a notice (Http/StrictQuery.cs).
                pages.Conventions.ConfigureFilter(new Http.StrictQuery.PageFilter());
            });
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
        app.Use(async (http, next) =>
        {
            // Every POST body has been read into memory already (Http/RequestBuffering.cs, for the
            // API's writes): a page's form is read again from those bytes.
            if (HttpMethods.IsPost(http.Request.Method) && !http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
            {
                var body = Http.RequestBuffering.Body(http);
                if (body.TooLarge)
                {
                    http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    return;
                }

                http.Request.Body = new MemoryStream(body.Bytes, writable: false);
            }

            await next(http);
        });
        app.MapRazorPages();
        return app;
    }
}
