using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AttackTracker.Api.Http;

/// <summary>RFC 9457 problem responses with the field at fault.</summary>
public static partial class Problems
{
    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request is not valid.", type: "https://attacktracker.dev/problems/validation");

    public static ValidationProblem Field(string path, string message) => Validation(new Dictionary<string, string[]> { [path] = [message] });

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{what} was not found.", type: "https://attacktracker.dev/problems/not-found");

    public static ProblemHttpResult PreconditionFailed(long expected, long actual) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed,
            title: "The incident has changed since the version in If-Match.",
            detail: $"If-Match expected version {expected}; the incident is at version {actual}. Read it again and retry.",
            type: "https://attacktracker.dev/problems/stale-version",
            extensions: new Dictionary<string, object?> { ["expectedVersion"] = expected, ["actualVersion"] = actual });

    public static ProblemHttpResult IdempotencyMismatch() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "This Idempotency-Key was already used with a different request.",
            detail: "Use a new key for a new request; a key may only be replayed with the identical body.",
            type: "https://attacktracker.dev/problems/idempotency-key-reused");

    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail, type: "https://attacktracker.dev/problems/conflict");

    public static ProblemHttpResult TooLarge(long limit) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "The request body is too large.",
            detail: $"The limit is {limit} bytes.",
            type: "https://attacktracker.dev/problems/too-large",
            extensions: new Dictionary<string, object?> { ["limit"] = limit });

    /// <summary>Writes a problem outside an endpoint (authentication, rate limiting): status, title, detail and type slug.</summary>
    public static async Task WriteAsync(HttpContext http, int status, string title, string detail, string type)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.StatusCode = status;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = status,
                Title = title,
                Detail = detail,
                Type = $"https://attacktracker.dev/problems/{type}",
            },
        });
    }

    /// <summary>"$.facts[2].killed" becomes "facts[2].killed"; the root is "body".</summary>
    public static string FieldPath(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return "body";
        }

        var path = QuotedMember().Replace(jsonPath, m => "." + m.Groups[1].Value);
        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    [GeneratedRegex(@"\['([^']*)'\]")]
    private static partial Regex QuotedMember();
}
