using System.Globalization;
using AttackTracker.Domain;

namespace AttackTracker.Api.Http;

/// <summary>The one reading of a date query parameter (from=, to=): YYYY-MM-DD, or an error naming the parameter.</summary>
public static class QueryDates
{
    public static DateOnly? Parse(string name, string? text, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(name, "must be a date (YYYY-MM-DD).");
        return null;
    }
}
