using AttackTracker.Domain;
using Wolverine.Http;

namespace AttackTracker.Api.Http;

/// <summary>
/// A write as it arrived, checked before the store is touched: the command its body validated
/// into, the version in If-Match, and the idempotency key with the request's fingerprint.
/// </summary>
public sealed record WriteRequest<T>(T Command, long? IfMatch, IdempotencyRequest? Key)
    where T : notnull;

public static class WriteRequests
{
    /// <summary>
    /// Reads the headers every write honours and the strict JSON body, and validates it into the
    /// command; or returns the problem that stops the request (400, 413, 415), with nothing written.
    /// </summary>
    public static (WriteRequest<TCommand>?, IResult) Read<TBody, TCommand>(
        HttpRequest request, Func<TBody, ValidationErrors, TCommand?> validate, Guid? incidentId = null)
        where TCommand : notnull
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(validate);
        if (!ETags.TryReadIfMatch(request, out var ifMatch))
        {
            return (null, Problems.Field("If-Match", "must be the incident's ETag, a quoted version such as \"7\"."));
        }

        var key = request.Headers[Idempotency.Header].ToString();
        if (key.Length > 0 && !Idempotency.IsValid(key))
        {
            return (null, Problems.Field(Idempotency.Header, $"must be 1 to {Idempotency.MaxLength} printable ASCII characters without spaces."));
        }

        var body = StrictJson.Read<TBody>(request);
        if (body.Problem is { } problem)
        {
            return (null, problem);
        }

        var errors = new ValidationErrors();
        var command = validate(body.Value!, errors);
        if (command is null || !errors.IsEmpty)
        {
            return (null, Problems.Validation(errors.ToDictionary()));
        }

        // No stream has the empty id, and Marten refuses to look one up.
        if (incidentId == Guid.Empty)
        {
            return (null, Problems.NotFound($"Incident {incidentId}"));
        }

        return (new WriteRequest<TCommand>(command, ifMatch, key.Length > 0 ? IdempotencyRequest.For(key, request, body.Raw) : null), WolverineContinue.Result());
    }
}
