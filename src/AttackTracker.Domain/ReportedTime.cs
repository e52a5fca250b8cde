using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AttackTracker.Domain;

public enum TimePrecision
{
    Year,
    Month,
    Day,
    Minute,
    Second,
}

/// <summary>
/// A time as a source gave it: a year, a month, a day, or a date-time, kept with its precision.
/// Written as ISO 8601 text ("2018", "2018-03", "2018-03-23", "2018-03-23T10:00+01:00").
/// A value without an offset is UTC.
/// </summary>
[JsonConverter(typeof(ReportedTimeJsonConverter))]
public readonly record struct ReportedTime(DateTimeOffset Start, TimePrecision Precision) : IComparable<ReportedTime>
{
    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
    ];

    /// <summary>
    /// The last instant the value covers: the end of its year, month or day. The end of the last
    /// year DateTimeOffset holds (9999) is its maximum.
    /// </summary>
    public DateTimeOffset End => Precision switch
    {
        TimePrecision.Year => Before(s => s.AddYears(1)),
        TimePrecision.Month => Before(s => s.AddMonths(1)),
        TimePrecision.Day => Before(s => s.AddDays(1)),
        TimePrecision.Minute => Before(s => s.AddMinutes(1)),
        _ => Start,
    };

    public DateOnly Date => DateOnly.FromDateTime(Start.DateTime);

    /// <summary>The tick before the next period starts, or the last instant there is when there is no next period.</summary>
    private DateTimeOffset Before(Func<DateTimeOffset, DateTimeOffset> next)
    {
        var room = DateTimeOffset.MaxValue.UtcTicks - Start.UtcTicks;
        // A year is at most 366 days; any period that could run past the end is checked exactly.
        if (room > TimeSpan.TicksPerDay * 367)
        {
            return next(Start).AddTicks(-1);
        }

        try
        {
            return next(Start).AddTicks(-1);
        }
        catch (ArgumentOutOfRangeException)
        {
            return DateTimeOffset.MaxValue;
        }
    }

    public static bool TryParse(string? text, out ReportedTime value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return false;
        }

        var styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (text.Length == 4 && DateTime.TryParseExact(text, "yyyy", CultureInfo.InvariantCulture, styles, out var year))
        {
            value = new ReportedTime(new DateTimeOffset(year, TimeSpan.Zero), TimePrecision.Year);
        }
        else if (text.Length == 7 && DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, styles, out var month))
        {
            value = new ReportedTime(new DateTimeOffset(month, TimeSpan.Zero), TimePrecision.Month);
        }
        else if (text.Length == 10 && DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, styles, out var day))
        {
            value = new ReportedTime(new DateTimeOffset(day, TimeSpan.Zero), TimePrecision.Day);
        }
        else if (DateTimeOffset.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            var precision = text.Length <= 16 || (text.Length > 16 && text[16] != ':') ? TimePrecision.Minute : TimePrecision.Second;
            value = new ReportedTime(instant, precision);
        }
        else
        {
            return false;
        }

        return true;
    }

    public static ReportedTime Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a date (YYYY, YYYY-MM, YYYY-MM-DD) or an ISO 8601 date-time.");

    public int CompareTo(ReportedTime other)
    {
        var byStart = Start.CompareTo(other.Start);
        return byStart != 0 ? byStart : Precision.CompareTo(other.Precision);
    }

    public override string ToString() => Precision switch
    {
        TimePrecision.Year => Start.UtcDateTime.ToString("yyyy", CultureInfo.InvariantCulture),
        TimePrecision.Month => Start.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        TimePrecision.Day => Start.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimePrecision.Minute => Start.ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture),
        _ => Start.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
    };

    public static bool operator <(ReportedTime left, ReportedTime right) => left.CompareTo(right) < 0;

    public static bool operator >(ReportedTime left, ReportedTime right) => left.CompareTo(right) > 0;

    public static bool operator <=(ReportedTime left, ReportedTime right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ReportedTime left, ReportedTime right) => left.CompareTo(right) >= 0;
}

internal sealed class ReportedTimeJsonConverter : JsonConverter<ReportedTime>
{
    public override ReportedTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && ReportedTime.TryParse(reader.GetString(), out var value)
            ? value
            : throw new JsonException("Expected a date (YYYY-MM-DD) or an ISO 8601 date-time such as 2018-03-23T10:00+01:00.");

    public override void Write(Utf8JsonWriter writer, ReportedTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
