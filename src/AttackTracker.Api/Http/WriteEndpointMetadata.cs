namespace AttackTracker.Api.Http;

/// <summary>
/// The JSON body a write reads itself (<see cref="WriteRequests"/>), for the OpenAPI description
/// (<see cref="OpenApiOperations"/>). Not ASP.NET Core's Accepts metadata: routing would then
/// answer a wrong Content-Type with its own bare 415 before the endpoint's strict reader, which
/// says what to send.
/// </summary>
public sealed record JsonRequestBody(Type RequestType);

public static class WriteEndpointMetadata
{
    /// <summary>
    /// The OpenAPI description every write shares: a JSON body, 201 with the response, and the
    /// problems any write can answer (field errors, key and role, size, media type, a reused
    /// Idempotency-Key, the rate limit, the database away), plus <paramref name="problems"/>.
    /// </summary>
    public static RouteHandlerBuilder DescribedAsWrite<TRequest, TResponse>(this RouteHandlerBuilder builder, params int[] problems)
        where TRequest : notnull
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithMetadata(new JsonRequestBody(typeof(TRequest))).Produces<TResponse>(StatusCodes.Status201Created).ProducesValidationProblem();
        int[] shared =
        [
            StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status413PayloadTooLarge,
            StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests,
            StatusCodes.Status503ServiceUnavailable,
        ];
        foreach (var status in shared.Concat(problems).Order())
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }
}
