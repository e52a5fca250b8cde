using System.Globalization;
using AttackTracker.Domain;

namespace AttackTracker.Api.Http;

/// <summary>Page and page size from the query string, each checked and named when wrong.</summary>
public static class Paging
{
    public const int MaxPageSize = 100;

    /// <summary>The last page number asked for: far past any real list, and its offset fits an int.</summary>
    public const int MaxPage = 1_000_000;

    public static (int Page, int PageSize) Read(string? page, string? pageSize, int defaultSize, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var number = Whole("page", page, 1, MaxPage, $"must be 1 to {MaxPage}.", errors) ?? 1;
        var size = Whole("pageSize", pageSize, 1, MaxPageSize, $"must be 1 to {MaxPageSize}.", errors) ?? defaultSize;
        return (number, size);
    }

    /// <summary>A whole number in [min, max], or null (with an error when the text was given but is not one).</summary>
    public static int? Whole(string name, string? text, int min, int max, string range, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(name, $"must be a whole number; {range}");
            return null;
        }

        if (value < min || value > max)
        {
            errors.Add(name, range);
            return null;
        }

        return value;
    }
}
