using System.Globalization;
using AttackTracker.Domain;
using AttackTracker.Domain.Incidents;

namespace AttackTracker.Api.TimeTravel;

/// <summary>Reads a point in time from query parameters, on any combination of the three axes.</summary>
public static class TimePoints
{
    /// <summary>A bare date means the end of that day in UTC; a date-time without an offset is UTC.</summary>
    public static DateTimeOffset? Instant(string name, string? text, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (text is null)
        {
            return null;
        }

        if (!ReportedTime.TryParse(text, out var time) || time.Start.Year < 1)
        {
            errors.Add(name, "must be a date (YYYY-MM-DD, meaning the end of that day in UTC) or an ISO 8601 date-time such as 2018-03-24T12:00Z.");
            return null;
        }

        // In UTC: PostgreSQL's timestamptz parameters take no other offset.
        return (time.Precision <= TimePrecision.Day ? time.End : time.Start).ToUniversalTime();
    }

    public static long? Version(string name, string? text, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (text is null)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            errors.Add(name, "must be a stream version: a whole number, 0 or more.");
            return null;
        }

        return version;
    }

    public static ViewPoint? Read(string prefix, IQueryCollection query, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        string Name(string axis) => prefix.Length == 0 ? axis : prefix + char.ToUpperInvariant(axis[0]) + axis[1..];
        string? Value(string axis) => query.TryGetValue(Name(axis), out var values) ? values.ToString() : null;
        var asOf = Instant(Name("asOf"), Value("asOf"), errors);
        var recordedAsOf = Instant(Name("recordedAsOf"), Value("recordedAsOf"), errors);
        var version = Version(Name("version"), Value("version"), errors);
        return asOf is null && recordedAsOf is null && version is null ? null : new ViewPoint(asOf, recordedAsOf, version);
    }
}
