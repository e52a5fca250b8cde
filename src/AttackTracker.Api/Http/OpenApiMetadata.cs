using AttackTracker.Domain;

namespace AttackTracker.Api.Http;

/// <summary>How a query parameter's text is read, for its schema in the OpenAPI document.</summary>
public enum QueryValue
{
    /// <summary>Free text, up to <see cref="QueryParameter.MaxLength"/>.</summary>
    Text,

    /// <summary>A whole number in [<see cref="QueryParameter.Minimum"/>, <see cref="QueryParameter.Maximum"/>].</summary>
    Whole,

    /// <summary>A date (the end of that day in UTC) or an ISO 8601 date-time (TimePoints.Instant).</summary>
    Instant,

    /// <summary>A calendar date, YYYY-MM-DD.</summary>
    Date,

    /// <summary>An ISO 3166-1 alpha-2 country code.</summary>
    Country,

    /// <summary>One of <see cref="QueryParameter.Choices"/>.</summary>
    Choice,
}

/// <summary>
/// A query parameter an endpoint reads itself (from a string, so that a bad value is a 400 naming
/// it): the OpenAPI document describes it from this, not from the string the endpoint binds.
/// </summary>
public sealed record QueryParameter(
    string Name, QueryValue Value, string Description, long Minimum = 0, long Maximum = long.MaxValue, int MaxLength = 0, IReadOnlyList<string>? Choices = null);

/// <summary>The query parameters an endpoint reads, as endpoint metadata.</summary>
public sealed record QueryParameters(IReadOnlyList<QueryParameter> Parameters);

/// <summary>An endpoint answers with an ETag and honours If-None-Match with 304.</summary>
public sealed record ConditionalRead;

/// <summary>A write whose body is CSV text, read by the endpoint itself.</summary>
public sealed record CsvRequestBody(string Description);

/// <summary>A read whose 200 also comes as CSV text, for Accept: text/csv.</summary>
public sealed record CsvAnswer;

public static class OpenApiMetadata
{
    public static RouteHandlerBuilder WithQuery(this RouteHandlerBuilder builder, params IEnumerable<QueryParameter>[] parameters)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(new QueryParameters([.. parameters.SelectMany(p => p)]));
    }

    public static RouteHandlerBuilder AnswersCsv(this RouteHandlerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(new CsvAnswer());
    }

    public static RouteHandlerBuilder AnswersNotModified(this RouteHandlerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(new ConditionalRead());
    }

    /// <summary>The point on the three axes, as GET /api/incidents/{id} reads it; prefixed ("fromAsOf") for a diff.</summary>
    public static IEnumerable<QueryParameter> TimePoint(string prefix = "")
    {
        string Name(string axis) => prefix.Length == 0 ? axis : prefix + char.ToUpperInvariant(axis[0]) + axis[1..];
        var which = prefix.Length == 0 ? "the view" : $"the '{prefix}' side";
        return
        [
            new(Name("asOf"), QueryValue.Instant, $"Publication axis: {which} as of what had been published by then. A bare date means the end of that day in UTC."),
            new(Name("recordedAsOf"), QueryValue.Instant, $"Recording axis: {which} as the record stood at that time (the events committed by then)."),
            new(Name("version"), QueryValue.Whole, $"Version axis: {which} after that many events of the stream."),
        ];
    }

    public static IEnumerable<QueryParameter> Pages(int defaultSize) =>
    [
        new("page", QueryValue.Whole, $"Page number, 1 to {Paging.MaxPage}.", 1, Paging.MaxPage),
        new("pageSize", QueryValue.Whole, $"Items per page, 1 to {Paging.MaxPageSize} (default {defaultSize}).", 1, Paging.MaxPageSize),
    ];

    public static IEnumerable<QueryParameter> Text(string name, string description, int maxLength = Limits.ShortTextLength) =>
        [new(name, QueryValue.Text, description, MaxLength: maxLength)];
}
