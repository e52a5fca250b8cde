using System.Globalization;
using System.Threading.RateLimiting;
using AttackTracker.Api.Http;
using Microsoft.AspNetCore.Authentication;

namespace AttackTracker.Api.Keys;

public static class SecuritySetup
{
    public const string ReadPolicy = "read";
    public const string WritePolicy = "write";
    public const string EditPolicy = "edit";

    /// <summary>
    /// Keys with roles (reader ⊂ analyst ⊂ editor), reads open unless Auth:ReadsRequireKey,
    /// a token bucket per key (or per address when anonymous), CORS only for configured origins, and
    /// the development key (Development only).
    /// </summary>
    public static WebApplicationBuilder AddApiSecurity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var keyCache = TimeSpan.FromSeconds(Math.Max(0, configuration.GetValue("Auth:KeyCacheSeconds", 5)));
        builder.Services.AddSingleton(services => new ApiKeys(
            services.GetRequiredService<Npgsql.NpgsqlDataSource>(), services.GetRequiredService<Store.StoreSettings>(), services.GetRequiredService<TimeProvider>(), keyCache));
        builder.Services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        var readsRequireKey = configuration.GetValue("Auth:ReadsRequireKey", false);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ReadPolicy, policy =>
            {
                if (readsRequireKey)
                {
                    policy.RequireRole(Roles.All);
                }
                else
                {
                    policy.RequireAssertion(_ => true);
                }
            })
            .AddPolicy(WritePolicy, policy => policy.RequireRole(Roles.Analyst, Roles.Editor))
            .AddPolicy(EditPolicy, policy => policy.RequireRole(Roles.Editor));

        var perSecond = configuration.GetValue("RateLimit:PermitsPerSecond", 20);
        var burst = configuration.GetValue("RateLimit:Burst", 100);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.Request.Path.StartsWithSegments("/health")
                    ? RateLimitPartition.GetNoLimiter("health")
                    : RateLimitPartition.GetTokenBucketLimiter(
                        Clients.Of(http),
                        _ => new TokenBucketRateLimiterOptions
                        {
                            TokenLimit = burst,
                            TokensPerPeriod = perSecond,
                            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                            QueueLimit = 0,
                            AutoReplenishment = true,
                        }));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await Problems.WriteAsync(
                    context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests.",
                    $"The limit is {perSecond} requests per second with bursts of {burst}; retry after {retryAfter} s.", "rate-limited");
            };
        });

        var origins = configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        if (origins.Length > 0)
        {
            builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
                .WithOrigins(origins)
                .WithHeaders(ApiKeyAuthentication.Header, "Authorization", "X-Correlation-Id", "Content-Type", "If-Match", "If-None-Match", "Idempotency-Key")
                .WithExposedHeaders("ETag", "Location", "Retry-After")
                .WithMethods("GET", "POST")));
        }

        builder.Services.AddHostedService<DevelopmentKey>();
        return builder;
    }

    public static WebApplication UseApiSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (http, next) =>
        {
            // Set as the response starts, so error responses (which the exception handler
            // writes on a cleared response) carry them too.
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                if (http.Request.Path.StartsWithSegments("/api"))
                {
                    headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
                }
                else if (!http.Request.Path.StartsWithSegments("/swagger"))
                {
                    // The pages: their own script and styles only, nothing inline, no other origin.
                    headers.ContentSecurityPolicy = Web.WebPages.ContentSecurityPolicy;
                }

                return Task.CompletedTask;
            });
            await next(http);
        });
        if (app.Services.GetService<Microsoft.AspNetCore.Cors.Infrastructure.ICorsService>() is not null)
        {
            app.UseCors();
        }

        // Every CORS preflight is answered 204 here, before routing can answer 405 for a path that
        // has no OPTIONS endpoint: with the grant when the origin is configured (above), without
        // any Access-Control-* header otherwise, so the browser refuses the request.
        app.Use(async (http, next) =>
        {
            if (HttpMethods.IsOptions(http.Request.Method) && http.Request.Headers.Origin.Count > 0
                && http.Request.Headers.AccessControlRequestMethod.Count > 0)
            {
                http.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }

            await next(http);
        });

        app.UseAuthentication();
        // Before the key check, so that a client trying keys is limited too (by its address).
        app.UseRateLimiter();
        app.Use(async (http, next) =>
        {
            // A key that was sent but is not valid is refused even where reads are open: a client
            // with a revoked key must find out, not be served as anonymous.
            var result = await http.AuthenticateAsync(ApiKeyAuthentication.SchemeName);
            if (result.Failure is not null)
            {
                await http.ChallengeAsync(ApiKeyAuthentication.SchemeName);
                return;
            }

            await next(http);
        });
        app.UseAuthorization();
        return app;
    }
}
