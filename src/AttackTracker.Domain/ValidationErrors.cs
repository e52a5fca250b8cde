using System.Globalization;

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
