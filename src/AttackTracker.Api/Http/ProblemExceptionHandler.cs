using JasperFx;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace AttackTracker.Api.Http;

/// <summary>
/// Turns what escapes a handler into a problem response. A database that is down or restarting
/// is a 503 with Retry-After, never a 500: nothing was acknowledged, so the client may retry. A
/// write that lost a race the lock does not cover is a 409 asking for a retry, never Marten's or
/// Npgsql's own message. A failover (docs/operations.md) is an outage too: the pools are cleared,
/// so that the next request connects to whichever server is primary by then.
/// </summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, Store.ReadSessions reads, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var (status, title, type) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, bad.Message, "bad-request"),
            ConcurrencyException or ExistingStreamIdCollisionException =>
                (StatusCodes.Status409Conflict, "The stream changed while the request was written; retry it.", "conflict"),
            _ when Store.DatabaseFailures.IsUnavailable(exception) => (StatusCodes.Status503ServiceUnavailable, "The database is unavailable; nothing was written. Retry shortly.", "unavailable"),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "The client closed the request.", "cancelled"),
            _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred.", "internal"),
        };

        if (status >= 500)
        {
            LogFailure(logger, exception, httpContext.Request.Method, httpContext.Request.Path, status);
        }
        else
        {
            // Expected (a lost race, a bad request): one line, no stack trace.
            var kind = exception.GetType().Name;
            LogAnswered(logger, httpContext.Request.Method, httpContext.Request.Path, status, kind);
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            reads.ClearPools();
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Type = $"https://attacktracker.dev/problems/{type}" },
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {Method} {Path} answered {Status} after {ExceptionType}")]
    private static partial void LogAnswered(ILogger logger, string method, PathString path, int status, string exceptionType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Method} {Path} failed with {Status}")]
    private static partial void LogFailure(ILogger logger, Exception exception, string method, PathString path, int status);
}
