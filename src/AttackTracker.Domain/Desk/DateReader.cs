using System.Globalization;
using System.Text.RegularExpressions;

namespace AttackTracker.Domain.Desk;

internal enum DateForm
{
    /// <summary>A day written out: "23 March 2018", "March 23", "14/07/2019".</summary>
    Day,

    /// <summary>A day relative to the publication: "on Friday", "earlier today", "yesterday".</summary>
    Relative,
    Month,
    Year,

    /// <summary>"five years ago": only a year, relative to the publication.</summary>
    YearsAgo,

    /// <summary>"last week", "last month", "last year": a stretch before the publication.</summary>
    Period,
}

/// <summary>A date the text mentions, as the days it may cover.</summary>
internal sealed record DateMention(int Start, int End, Sentence Sentence, DateOnly From, DateOnly To, DateForm Form, bool InDateline)
{
    public TimePrecision Precision => Form switch
    {
        DateForm.Day or DateForm.Relative => TimePrecision.Day,
        DateForm.Month or DateForm.Period => TimePrecision.Month,
        _ => TimePrecision.Year,
    };
}

/// <summary>Finds dates in English, French and Spanish, and picks the attack's.</summary>
internal static partial class DateReader
{
    private static readonly string MonthNames = string.Join('|', Lexicon.Months.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape));
    private static readonly string WeekdayNames = string.Join('|', Lexicon.Weekdays.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape));

    private static readonly Regex DayMonthYear = new(
        $@"\b(?:(?<wd>{WeekdayNames})\s*,?\s+(?:the\s+)?)?(?<d>\d{{1,2}})(?:st|nd|rd|th|er)?\s+(?:de\s+|of\s+)?(?<m>{MonthNames})\b\.?(?:,?\s+(?:de\s+)?(?<y>\d{{4}}))?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex MonthDayYear = new(
        $@"\b(?<m>{MonthNames})\.?\s+(?<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:\)?,?\s+(?<y>\d{{4}})\b)?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex MonthYear = new($@"\b(?<m>{MonthNames})\.?\s+(?:de\s+)?(?<y>\d{{4}})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex MonthOnly = new($@"\b(?:in|last|early|late|mid-|en|since)\s*(?<m>{MonthNames})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex Weekday = new(
        $@"\b(?:(?<last>last|on\s+last)\s+|this\s+)?(?<wd>{WeekdayNames})(?:'s|’s)?\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public static IReadOnlyList<DateMention> Read(Article article)
    {
        var found = new List<DateMention>();
        foreach (var sentence in article.Sentences)
        {
            var text = article.Slice(sentence.Start, sentence.End);
            var taken = new List<(int, int)>();
            void Add(Match m, DateOnly from, DateOnly to, DateForm form)
            {
                var (start, end) = (sentence.Start + m.Index, sentence.Start + m.Index + m.Length);
                if (taken.Any(t => t.Item1 < end && start < t.Item2))
                {
                    return;
                }

                taken.Add((start, end));
                found.Add(new DateMention(start, end, sentence, from, to, form, start < sentence.BodyStart));
            }

            foreach (Match m in IsoDate().Matches(text))
            {
                if (Day(Int(m, "y"), Int(m, "m"), Int(m, "d")) is { } day)
                {
                    Add(m, day, day, DateForm.Day);
                }
            }

            foreach (Match m in SlashDate().Matches(text))
            {
                var (a, b) = (Int(m, "a"), Int(m, "b"));
                // Day first, as outside the United States, unless the first number cannot be a month's day.
                if ((b <= 12 ? Day(Int(m, "y"), b, a) : Day(Int(m, "y"), a, b)) is { } day)
                {
                    Add(m, day, day, DateForm.Day);
                }
            }

            foreach (Match m in DayMonthYear.Matches(text).Concat(MonthDayYear.Matches(text)))
            {
                if (!IsMonth(m.Groups["m"]))
                {
                    continue;
                }

                var month = Lexicon.Months[m.Groups["m"].Value];
                var year = m.Groups["y"].Success ? Int(m, "y") : YearFor(article, month, Int(m, "d"));
                if (year is { } y && Day(y, month, Int(m, "d")) is { } day)
                {
                    Add(m, day, day, DateForm.Day);
                }
            }

            foreach (Match m in MonthYear.Matches(text))
            {
                if (IsMonth(m.Groups["m"]) && Day(Int(m, "y"), Lexicon.Months[m.Groups["m"].Value], 1) is { } first)
                {
                    Add(m, first, first.AddMonths(1).AddDays(-1), DateForm.Month);
                }
            }

            foreach (Match m in Relative().Matches(text))
            {
                if (article.PublishedAt is { } published)
                {
                    var back = m.Groups["rel"].Value.ToLowerInvariant() is "yesterday" or "last night" or "hier" or "ayer" ? 1 : 0;
                    var day = published.AddDays(-back);
                    Add(m, day, day, DateForm.Relative);
                }
            }

            // "last week's attack", "Last month, …": a stretch before the publication, set against the attack's date.
            foreach (Match m in LastPeriod().Matches(text))
            {
                if (article.PublishedAt is { } published)
                {
                    var (from, to) = m.Groups["p"].Value.ToLowerInvariant() switch
                    {
                        "week" => (published.AddDays(-13), published.AddDays(-1)),
                        "month" => (new DateOnly(published.Year, published.Month, 1).AddMonths(-1), new DateOnly(published.Year, published.Month, 1).AddDays(-1)),
                        _ => (new DateOnly(published.Year - 1, 1, 1), new DateOnly(published.Year - 1, 12, 31)),
                    };
                    Add(m, from, to, DateForm.Period);
                }
            }

            foreach (Match m in Weekday.Matches(text))
            {
                if (article.PublishedAt is { } published && IsWeekday(m.Groups["wd"]))
                {
                    var day = LastWeekday(published, Lexicon.Weekdays[m.Groups["wd"].Value], m.Groups["last"].Success);
                    Add(m, day, day, DateForm.Relative);
                }
            }

            foreach (Match m in MonthOnly.Matches(text))
            {
                if (IsMonth(m.Groups["m"]) && YearFor(article, Lexicon.Months[m.Groups["m"].Value], 1) is { } y
                    && Day(y, Lexicon.Months[m.Groups["m"].Value], 1) is { } first)
                {
                    Add(m, first, first.AddMonths(1).AddDays(-1), DateForm.Month);
                }
            }

            foreach (Match m in YearsAgo().Matches(text))
            {
                if (article.PublishedAt is { } published && Numbers.Read(Tokens(m.Groups["n"].Value), 0) is { Value: var n and < 200 })
                {
                    var year = new DateOnly(published.Year - n, 1, 1);
                    Add(m, year, year.AddYears(1).AddDays(-1), DateForm.YearsAgo);
                }
            }

            foreach (Match m in Year().Matches(text))
            {
                var year = new DateOnly(Int(m, "y"), 1, 1);
                Add(m, year, year.AddYears(1).AddDays(-1), DateForm.Year);
            }
        }

        return [.. found.OrderBy(d => d.Start)];
    }

    /// <summary>The publication date a dateline or a "Published …" line gives, when the caller did not.</summary>
    public static DateOnly? PublicationFrom(IReadOnlyList<DateMention> dates) =>
        dates.FirstOrDefault(d => d.InDateline && d.Form == DateForm.Day)?.From;

    private static bool IsMonth(Group month) =>
        Lexicon.Months.ContainsKey(month.Value) && (month.Value.Length > 3 || char.IsUpper(month.Value[0]))
        // English months are capitalized; "may" and "march" in lower case are verbs.
        && !(month.Value is "may" or "march" or "mar");

    private static bool IsWeekday(Group day) => Lexicon.Weekdays.ContainsKey(day.Value);

    private static DateOnly LastWeekday(DateOnly published, DayOfWeek weekday, bool strictlyBefore)
    {
        var back = ((int)published.DayOfWeek - (int)weekday + 7) % 7;
        return published.AddDays(-(back == 0 && strictlyBefore ? 7 : back));
    }

    /// <summary>The year of a date written without one: the publication's, or the year before when that would put it after the publication.</summary>
    private static int? YearFor(Article article, int month, int day)
    {
        if (article.PublishedAt is not { } published)
        {
            return null;
        }

        return Day(published.Year, month, day) is { } candidate && candidate > published.AddDays(1) ? published.Year - 1 : published.Year;
    }

    private static DateOnly? Day(int year, int month, int day) =>
        year is >= Limits.EarliestYear and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;

    private static int Int(Match m, string group) => int.Parse(m.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture);

    private static List<Token> Tokens(string text) =>
        [.. text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => new Token(0, w.Length, w))];

    [GeneratedRegex(@"\b(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})\b")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\b(?<a>\d{1,2})/(?<b>\d{1,2})/(?<y>\d{4})\b")]
    private static partial Regex SlashDate();

    [GeneratedRegex(@"\b(?:earlier\s+)?(?<rel>today|tonight|yesterday|this\s+morning|this\s+afternoon|this\s+evening|last\s+night|aujourd'hui|hier|hoy|ayer)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Relative();

    [GeneratedRegex(@"\blast\s+(?<p>week|month|year)(?:['’]s)?\b", RegexOptions.IgnoreCase)]
    private static partial Regex LastPeriod();

    [GeneratedRegex(@"\b(?<n>[\w-]+)\s+years?\s+ago\b", RegexOptions.IgnoreCase)]
    private static partial Regex YearsAgo();

    [GeneratedRegex(@"(?<![\d/.,-])(?<y>1[89]\d{2}|20\d{2})(?![\d/]|-\d)")]
    private static partial Regex Year();
}
