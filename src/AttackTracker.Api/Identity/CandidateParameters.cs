using System.Globalization;
using AttackTracker.Api.Http;
using AttackTracker.Domain;

namespace AttackTracker.Api.Identity;

/// <summary>The query parameters both candidate lists share: the date window and the minimum score, each checked and named when wrong.</summary>
public static class CandidateParameters
{
    public const int DefaultWindow = 3, MaxWindow = 30;

    public const double DefaultMinScore = 0.35;

    public static IEnumerable<QueryParameter> Declared { get; } =
    [
        new("window", QueryValue.Whole, $"Only incidents whose dates are at most this many days apart, 0 to {MaxWindow} (default {DefaultWindow}).", 0, MaxWindow),
        new("minScore", QueryValue.Text, $"Only candidates scoring at least this, 0 to 1 (default {DefaultMinScore.ToString(CultureInfo.InvariantCulture)}).", MaxLength: 20),
    ];

    public static (int Window, double MinScore) Read(string? window, string? minScore, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var days = Paging.Whole("window", window, 0, MaxWindow, $"must be 0 to {MaxWindow} days.", errors) ?? DefaultWindow;
        var score = DefaultMinScore;
        if (minScore is not null)
        {
            if (double.TryParse(minScore, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1)
            {
                score = value;
            }
            else
            {
                errors.Add("minScore", "must be a number from 0 to 1, such as 0.5.");
            }
        }

        return (days, score);
    }
}
