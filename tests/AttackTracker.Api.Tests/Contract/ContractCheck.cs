using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AttackTracker.Api.Tests.Contract;

/// <summary>
/// Holds every response of every test to the published document. A middleware at the front of the
/// test host's pipeline buffers each response to an API operation and checks it with
/// <see cref="PublishedContract"/>. A response that breaks the document is replaced by a 500 naming
/// what is wrong, so the test that caused it fails where it reads the answer, and every break is
/// also kept for the host to report when the class ends.
/// </summary>
public sealed class ContractCheck
{
    private readonly ConcurrentQueue<string> _breaks = new();

    public PublishedContract? Contract { get; set; }

    public IReadOnlyCollection<string> Breaks => _breaks;

    public int Checked { get; private set; }

    public IStartupFilter StartupFilter() => new Filter(this);

    private async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (Contract is not { } contract || !context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/health"))
        {
            await next(context);
            return;
        }

        // A live feed does not end, so it cannot be buffered: only its follow=false form is checked.
        if (context.Request.Path.StartsWithSegments("/api/changes") && context.Request.Query["follow"] != "false")
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var body = buffer.ToArray();
        if (context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route })
        {
            var breaks = contract.Check(context.Request.Method, "/" + route.TrimStart('/'), context.Response.StatusCode, context.Response.ContentType, body);
            Checked++;
            if (breaks.Count > 0)
            {
                foreach (var item in breaks)
                {
                    _breaks.Enqueue(item);
                }

                var text = "The response does not match the published OpenAPI document:\n" + string.Join("\n", breaks) + "\n\nThe response was:\n" + Encoding.UTF8.GetString(body);
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                context.Response.ContentType = "text/plain";
                body = Encoding.UTF8.GetBytes(text);
            }
        }

        if (body.Length > 0)
        {
            context.Response.ContentLength = body.Length;
            await original.WriteAsync(body);
        }
    }

    private sealed class Filter(ContractCheck check) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, inner) => check.InvokeAsync(context, inner));
            next(app);
        };
    }
}
