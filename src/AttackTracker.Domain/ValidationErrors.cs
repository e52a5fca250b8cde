using System.Globalization;
using System.Text;

namespace AttackTracker.Domain;

/// <summary>Collects what is wrong with a request, keyed by the JSON path of the field at fault.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public bool HasErrorsUnder(string path) =>
        _errors.Keys.Any(k => k == path || k.StartsWith(path + ".", StringComparison.Ordinal) || k.StartsWith(path + "[", StringComparison.Ordinal));

    public void Add(string path, string message)
    {
        if (!_errors.TryGetValue(path, out var messages))
        {
            _errors[path] = messages = [];
        }

        messages.Add(message);
    }

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>Checks a string's presence, length and characters; returns the trimmed value.</summary>
    public string? Text(string path, string? value, int maxLength, bool required = false, bool multiline = false)
    {
        if (value is null || value.Trim().Length == 0)
        {
            if (required)
            {
                Add(path, "is required.");
            }

            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            Add(path, $"is {trimmed.Length} characters long; the limit is {maxLength}.");
            return null;
        }

        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (char.IsHighSurrogate(c) && i + 1 < trimmed.Length && char.IsLowSurrogate(trimmed[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                Add(path, "contains an invalid Unicode character (an unpaired surrogate).");
                return null;
            }

            var allowed = multiline && c is '\n' or '\r' or '\t';
            if (!allowed && (char.IsControl(c) || c is '\u2028' or '\u2029'))
            {
                Add(path, string.Create(CultureInfo.InvariantCulture, $"contains the control character U+{(int)c:X4}."));
                return null;
            }
        }

        return trimmed;
    }

    /// <summary>
    /// A name (a source, a claimant, a channel, a person, a perpetrator, an alias): text as
    /// <see cref="Text"/>, up to <see cref="Limits.NameLength"/>, without invisible characters.
    /// Bidirectional overrides and isolates turn a name around on screen, zero-width characters
    /// make two names that look the same differ: either lets one name pass for another. Every
    /// Unicode format character (category Cf) is refused, and the invisible Hangul fillers; the
    /// zero-width joiner and non-joiner only after a letter of a script that needs them (Arabic,
    /// the Indic scripts, Tibetan, Myanmar …), as in Persian names.
    /// </summary>
    public string? Name(string path, string? value, bool required = false)
    {
        var text = Text(path, value, Limits.NameLength, required);
        if (text is null)
        {
            return null;
        }

        var previous = default(Rune);
        foreach (var rune in text.EnumerateRunes())
        {
            var joiner = rune.Value is 0x200C or 0x200D;
            var invisible = rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0
                || (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format && !(joiner && JoiningScript(previous)));
            if (invisible)
            {
                Add(path, string.Create(CultureInfo.InvariantCulture, $"contains the invisible character U+{rune.Value:X4}, which can make a name look like another one."));
                return null;
            }

            previous = rune;
        }

        return text;
    }

    private static bool JoiningScript(Rune rune) => Rune.IsLetter(rune) && rune.Value is (>= 0x0600 and <= 0x08FF) or (>= 0x0900 and <= 0x0DFF) or (>= 0x0F00 and <= 0x109F);

    public string? Url(string path, string? value)
    {
        var text = Text(path, value, Limits.UrlLength);
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            Add(path, "must be an absolute http or https URL.");
            return null;
        }

        return text;
    }

    public ReportedTime? Time(string path, string? value, DateTimeOffset now, bool required = false)
    {
        if (value is null)
        {
            if (required)
            {
                Add(path, "is required.");
            }

            return null;
        }

        if (!ReportedTime.TryParse(value, out var time))
        {
            Add(path, "must be a date (YYYY-MM-DD) or an ISO 8601 date-time such as 2018-03-23T10:00+01:00.");
            return null;
        }

        return Within(path, time, now) ? time : null;
    }

    public bool Within(string path, ReportedTime time, DateTimeOffset now)
    {
        if (time.Start.Year < Limits.EarliestYear)
        {
            Add(path, $"is before {Limits.EarliestYear}.");
            return false;
        }

        if (time.Start > now + Limits.FutureTolerance)
        {
            Add(path, "is in the future.");
            return false;
        }

        return true;
    }
}
