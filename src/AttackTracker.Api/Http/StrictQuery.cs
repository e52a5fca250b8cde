using AttackTracker.Domain;
using Microsoft.AspNetCore.Mvc.Filters;

namespace AttackTracker.Api.Http;

/// <summary>
/// Query parameters as strict as bodies: every operation of the API declares the query parameters
/// it reads (<see cref="OpenApiMetadata.WithQuery"/>, the same declaration the OpenAPI document is
/// made from), and a request with any other one, or with one of them twice, is a 400 naming each
/// parameter at fault before the endpoint runs, so no question is silently answered as another
/// (<c>?grupBy=</c>, <c>?recordedAsOf=</c> where there is no recording axis). Names match as the
/// binder matches them, ignoring case. The web pages read theirs from their bound properties
/// (<see cref="PageFilter"/>) and, as they do for bad values, say what they ignored instead of
/// refusing.
/// </summary>
public static class StrictQuery
{
    /// <summary>The key under which a page finds the notices of parameters it ignored (HttpContext.Items).</summary>
    public const string Notices = "attacktracker:query-notices";

    public static IApplicationBuilder UseStrictQuery(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Request.Query.Count > 0 && http.GetEndpoint() is { } endpoint && endpoint.Metadata.GetMetadata<Wolverine.Http.HttpChain>() is not null)
        {
            var declared = endpoint.Metadata.OfType<QueryParameters>().SelectMany(q => q.Parameters).Select(p => p.Name).ToList();
            var errors = Check(http.Request.Query, declared);
            if (!errors.IsEmpty)
            {
                await Problems.Validation(errors.ToDictionary()).ExecuteAsync(http);
                return;
            }
        }

        await next(http);
    });

    /// <summary>Each query parameter not among <paramref name="declared"/>, and each given more than once, named with what is wrong.</summary>
    public static ValidationErrors Check(IQueryCollection query, IReadOnlyCollection<string> declared)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(declared);
        var errors = new ValidationErrors();
        foreach (var (key, values) in query)
        {
            var name = key.Length == 0 ? "(unnamed)" : key;
            if (!declared.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(name, declared.Count == 0
                    ? "is not a parameter of this operation, which takes no query parameters."
                    : $"is not a parameter of this operation, which takes {string.Join(", ", declared)}.");
            }
            else if (values.Count > 1)
            {
                errors.Add(name, "must be given once.");
            }
        }

        return errors;
    }

    /// <summary>
    /// The pages' side: the parameters a page reads are its properties bound from the query
    /// (<c>[BindProperty(SupportsGet = true)]</c>); any other one is ignored with a notice the
    /// layout shows, as a bad value is.
    /// </summary>
    public sealed class PageFilter : IPageFilter
    {
        public void OnPageHandlerSelected(PageHandlerSelectedContext context)
        {
        }

        public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            var query = context.HttpContext.Request.Query;
            if (query.Count == 0 || context.HandlerInstance is null)
            {
                return;
            }

            var declared = context.HandlerInstance.GetType().GetProperties()
                .Select(p => (Property: p, Bind: p.GetCustomAttributes(typeof(Microsoft.AspNetCore.Mvc.BindPropertyAttribute), true).OfType<Microsoft.AspNetCore.Mvc.BindPropertyAttribute>().FirstOrDefault()))
                .Where(p => p.Bind is { SupportsGet: true })
                .Select(p => p.Bind!.Name ?? p.Property.Name)
                .ToList();
            var notices = query.Keys
                .Where(key => !declared.Contains(key, StringComparer.OrdinalIgnoreCase))
                .Select(key => $"“{(key.Length > 40 ? key[..40] + "…" : key)}” is not a setting of this page; it was ignored.")
                .ToList();
            if (notices.Count > 0)
            {
                context.HttpContext.Items[Notices] = notices;
            }
        }

        public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
        {
        }
    }
}
