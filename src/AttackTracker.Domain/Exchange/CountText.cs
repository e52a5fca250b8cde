using System.Globalization;
using System.Text.RegularExpressions;
using AttackTracker.Domain.Casualties;

namespace AttackTracker.Domain.Exchange;

/// <summary>
/// A count cell as the record keeps it: the count, and the perpetrators' apart when the cell gives
/// them in brackets after it ("5 (+1)": five victims and one perpetrator, as lists of attacks write it).
/// </summary>
public sealed record CountCell(ReportedCount Count, ReportedCount? Perpetrators)
{
    /// <summary>Whether the cell was a plain whole number, so that nothing of its words is lost in the count.</summary>
    public bool Plain { get; init; }
}

/// <summary>
/// Reads counts as published files write them, in figures or in words (docs/datasets.md): a whole
/// number ("12", "12.0", "1,200"), at least ("20+", "at least 3", "3 or more", "more than 3" is at
/// least 4), at most ("at most 5", "up to 5", "fewer than 5" is at most 4), a range ("1-3",
/// "between 1 and 3"), the plural quantities by their literal lower bound ("dozens" is at least 24,
/// as the desk reads them), and perpetrators apart ("0 (+1)"). A cell that says the count is unknown
/// ("", "unknown", "n/a", "-", "?") is no count. Anything else, approximations ("~10", "about 10")
/// and vague words ("several", "many") included, is refused with a message: never guessed.
/// </summary>
public static partial class CountText
{
    private static readonly Dictionary<string, int> Plurals = new(StringComparer.Ordinal)
    {
        ["dozens"] = 24,
        ["scores"] = 40,
        ["hundreds"] = 200,
        ["thousands"] = 2000,
    };

    private static readonly HashSet<string> Unknown = new(StringComparer.Ordinal)
    {
        "unknown", "unk", "unk.", "n/a", "na", "n.a.", "-", "–", "—", "?", "not known", "not reported",
    };

    private static readonly HashSet<string> Vague = new(StringComparer.Ordinal)
    {
        "several", "many", "few", "a few", "some", "multiple", "numerous", "various", "a dozen", "dozen", "unspecified",
    };

    /// <summary>
    /// The cell's count, or null with no error when the cell says the count is unknown; null with
    /// the reason (a sentence about the value, for the caller to put after the column's name) when
    /// the cell is no count the record can keep.
    /// </summary>
    public static CountCell? Read(string? text, out string? error)
    {
        error = null;
        var cell = Collapse(text);
        if (cell.Length == 0 || Unknown.Contains(cell))
        {
            return null;
        }

        ReportedCount? perpetrators = null;
        if (PerpetratorsAfter().Match(cell) is { Success: true } split)
        {
            if (Whole(split.Groups["p"].Value, out var p, out error) is false)
            {
                return null;
            }

            perpetrators = ReportedCount.Exact(p);
            cell = split.Groups["main"].Value.Trim();
        }

        var count = Main(cell, text!.Trim(), out var plain, out error);
        return count is null ? null : new CountCell(count, perpetrators) { Plain = plain && perpetrators is null };
    }

    private static ReportedCount? Main(string cell, string original, out bool plain, out string? error)
    {
        plain = false;
        error = null;
        if (Number().IsMatch(cell))
        {
            plain = true;
            return Whole(cell, out var n, out error) ? ReportedCount.Exact(n) : null;
        }

        if (cell is "none" or "zero" or "nil")
        {
            return ReportedCount.Exact(0);
        }

        if (Plurals.TryGetValue(cell, out var bound))
        {
            return ReportedCount.AtLeast(bound);
        }

        if (Qualified().Match(cell) is { Success: true } qualified)
        {
            return Qualify(qualified, original, out error);
        }

        if (Range().Match(cell) is { Success: true } range
            && Whole(range.Groups["a"].Value, out var a, out error) && Whole(range.Groups["b"].Value, out var b, out error))
        {
            if (a > b)
            {
                error = $"'{original}' is a range whose first number is above its second.";
                return null;
            }

            return a == b ? ReportedCount.Exact(a) : ReportedCount.Between(a, b);
        }

        if (error is not null)
        {
            return null;
        }

        error = Approximate().IsMatch(cell)
            ? $"'{original}' is approximate, and the record keeps a count as exact, at least, at most or a range; give a range (8-12) or a bound (at least 8)."
            : Vague.Contains(cell)
                ? $"'{original}' is no number; give one (a whole number, at least N, at most N or N-M) or leave the cell blank when the count is unknown."
                : Decimal().IsMatch(cell)
                    ? $"'{original}' is not a whole number."
                    : $"'{original}' is not a count this import reads: a whole number, N+, at least N, at most N or N-M, or blank (or unknown) when the count is not known.";
        return null;
    }

    private static ReportedCount? Qualify(Match match, string original, out string? error)
    {
        if (!Whole(match.Groups["n"].Value, out var n, out error))
        {
            return null;
        }

        var word = match.Groups["q"].Success ? match.Groups["q"].Value : match.Groups["after"].Value;
        switch (word)
        {
            case "more than" or "over" or "in excess of" or "upwards of" or ">":
                return n < Limits.MaxCount ? ReportedCount.AtLeast(n + 1) : TooLarge(original, out error);
            case "fewer than" or "less than" or "under" or "<":
                if (n == 0)
                {
                    error = $"'{original}' is below zero.";
                    return null;
                }

                return ReportedCount.AtMost(n - 1);
            case "at most" or "up to" or "no more than" or "not more than" or "max" or "max." or "maximum" or "<=" or "≤":
                return ReportedCount.AtMost(n);
            default:
                return ReportedCount.AtLeast(n);
        }
    }

    private static ReportedCount? TooLarge(string original, out string? error)
    {
        error = $"'{original}' is over {Limits.MaxCount}, which no attack has reached; check the figure.";
        return null;
    }

    private static bool Whole(string digits, out int value, out string? error)
    {
        error = null;
        var bare = digits.Replace(",", string.Empty, StringComparison.Ordinal);
        if (digits.Contains(',', StringComparison.Ordinal) && !Number().IsMatch(digits))
        {
            // "1,5" is a decimal comma, not thousands.
            bare = "x";
        }

        if (decimal.TryParse(bare, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) && number == decimal.Truncate(number))
        {
            if (number <= Limits.MaxCount)
            {
                value = (int)number;
                return true;
            }

            error = $"'{digits}' is over {Limits.MaxCount}, which no attack has reached; check the figure.";
        }
        else
        {
            error = $"'{digits}' is not a whole number.";
        }

        value = 0;
        return false;
    }

    /// <summary>Lower case, trimmed, inner white space as single spaces.</summary>
    private static string Collapse(string? text) =>
        text is null ? string.Empty : Spaces().Replace(text.Trim(), " ").ToLowerInvariant();

    // A whole number, with thousands grouped by commas, or as pandas writes a number in a column with blanks ("3.0").
    [GeneratedRegex(@"^(\d{1,3}(,\d{3})+|\d+)(\.0+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    [GeneratedRegex(@"^(?<main>.+?)\s*\(\s*\+\s*(?<p>\d[\d,]*)\s*\)$", RegexOptions.CultureInvariant)]
    private static partial Regex PerpetratorsAfter();

    [GeneratedRegex(
        @"^(?:(?<q>at least|no fewer than|not less than|minimum of|minimum|min\.?|more than|over|in excess of|upwards of|at most|up to|no more than|not more than|maximum of|maximum|max\.?|fewer than|less than|under|>=|≥|<=|≤|>|<)\s*(?<n>\d[\d,]*)|(?<n>\d[\d,]*)\s*(?<after>\+|or more|and more|and above|plus))$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Qualified();

    [GeneratedRegex(@"^(?:between\s+(?<a>\d[\d,]*)\s*(?:and|-|–|to)\s*(?<b>\d[\d,]*)|(?<a>\d[\d,]*)\s*(?:-|–|—|to)\s*(?<b>\d[\d,]*))$", RegexOptions.CultureInvariant)]
    private static partial Regex Range();

    [GeneratedRegex(@"^(~|≈|about|around|approximately|approx\.?|roughly|nearly|almost|circa|ca\.?|c\.|some|an estimated|estimated|est\.?)\s*\d", RegexOptions.CultureInvariant)]
    private static partial Regex Approximate();

    [GeneratedRegex(@"^-?\d+[.,]\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex Decimal();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();
}
