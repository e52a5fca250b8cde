using System.Globalization;

namespace AttackTracker.Domain.Exchange;

/// <summary>
/// Dates as the data sets write them (docs/datasets.md): ISO dates, with the midnight time
/// UCDP's files add ("2017-07-31 00:00:00.000"); RAND's "9-Feb-68" and "3/23/2018"; ACLED's
/// "16 February 2023". A date that is none of these is an error, never a guess.
/// </summary>
public static class DatasetDates
{
    /// <summary>RAND's two-digit years: the data set runs from 1968, so 68–99 are 1968–1999 and 00–67 are 2000–2067.</summary>
    public const int TwoDigitPivot = 68;

    private static readonly string[] IsoDay = ["yyyy-MM-dd"];

    private static readonly string[] Midnights = ["yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm"];

    private static readonly string[] WrittenOut = ["d MMMM yyyy", "d MMM yyyy", "d-MMMM-yyyy", "d-MMM-yyyy"];

    /// <summary>An ISO date, or an ISO date at midnight as UCDP's CSV writes its dates.</summary>
    public static DateOnly? Iso(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (DateOnly.TryParseExact(text, IsoDay, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        return DateTime.TryParseExact(text, Midnights, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) && instant.TimeOfDay == TimeSpan.Zero
            ? DateOnly.FromDateTime(instant)
            : null;
    }

    /// <summary>An ISO date or a date written out in English ("16 February 2023", "16-Feb-2023"), as ACLED's exports have had them.</summary>
    public static DateOnly? Written(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Iso(text) ?? (DateOnly.TryParseExact(text, WrittenOut, CultureInfo.InvariantCulture, DateTimeStyles.AllowInnerWhite, out var day) ? day : null);
    }

    /// <summary>
    /// RAND's dates: "9-Feb-68" (a two-digit year, <see cref="TwoDigitPivot"/>), "9-Feb-1968",
    /// "2/9/1968" (month first, as the US spreadsheets RAND publishes write it), or an ISO date.
    /// </summary>
    public static DateOnly? Rand(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('-');
        if (parts.Length == 3 && parts[2].Length == 2 && parts[1].All(char.IsAsciiLetter))
        {
            // Read before the four-digit forms, which would take "68" for the year 68.
            return int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var yy)
                && DateOnly.TryParseExact($"{parts[0]}-{parts[1]}-{(yy >= TwoDigitPivot ? 1900 : 2000) + yy}", "d-MMM-yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var shortYear)
                ? shortYear
                : null;
        }

        if (Written(text) is { } day)
        {
            return day;
        }

        return DateOnly.TryParseExact(text, "M/d/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var us) ? us : null;
    }

    /// <summary>
    /// The incident's date for a span of days: the day when it is one, else the month or the year
    /// that holds the whole span; a span across two years is filed under <paramref name="year"/>
    /// (the data set's own year of the event) or, without one, under its first day's year.
    /// </summary>
    public static string Covering(DateOnly start, DateOnly end, int? year = null)
    {
        if (start == end)
        {
            return Day(start);
        }

        if (start.Year == end.Year)
        {
            return start.Month == end.Month
                ? start.ToString("yyyy-MM", CultureInfo.InvariantCulture)
                : start.Year.ToString("D4", CultureInfo.InvariantCulture);
        }

        return (year ?? start.Year).ToString("D4", CultureInfo.InvariantCulture);
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
