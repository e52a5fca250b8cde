using System.Globalization;
using AttackTracker.Api.Incidents;
using AttackTracker.Domain.Places;
using AttackTracker.Domain.Sources;

namespace AttackTracker.Api.Identity;

/// <summary>One reason two incidents may be the same attack, with what it adds to the score and what matched.</summary>
public sealed record CandidateSignal(string Name, double Score, string Detail);

/// <summary>
/// How alike two incidents' listings are (docs/identity.md#the-score): a sum of weighted signals,
/// at most 1. Only pairs in the same country within the date window are scored at all
/// (<see cref="CandidateQuery"/>); each other signal adds its weight, or part of it, when it matches,
/// and two points far apart take the distance's weight off.
/// </summary>
public static class CandidateScore
{
    public const double Country = 0.10, Date = 0.20, Distance = 0.20, Place = 0.10, Killed = 0.10, Wounded = 0.05, Groups = 0.10, Words = 0.15;

    /// <summary>Points farther apart than this are taken as two places: the distance's weight is taken off.</summary>
    public const double FarKm = 100;

    /// <summary>Within this distance the distance's weight shrinks linearly from full (same point) to none.</summary>
    public const double NearKm = 50;

    public static (double Score, IReadOnlyList<CandidateSignal> Signals) Of(IncidentListing a, IncidentListing b, int window)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var signals = new List<CandidateSignal> { new("country", Country, a.Country ?? string.Empty) };
        if (a.OccurredOn is { } da && b.OccurredOn is { } db)
        {
            var days = Math.Abs(da.DayNumber - db.DayNumber);
            signals.Add(new("date", Date * (1 - (days / (window + 1.0))), days == 0 ? "same day" : $"{days} day{(days == 1 ? "" : "s")} apart"));
        }

        if (a is { Latitude: { } alat, Longitude: { } alon } && b is { Latitude: { } blat, Longitude: { } blon })
        {
            var km = Geodesy.DistanceKm(new GeoPoint(alat, alon), new GeoPoint(blat, blon));
            var weight = km > FarKm ? -Distance : Distance * Math.Max(0, 1 - (km / NearKm));
            signals.Add(new("distance", weight, km.ToString("0.#", CultureInfo.InvariantCulture) + " km"));
        }

        if (Normalized(a.Place) is { Length: > 0 } pa && Normalized(b.Place) is { Length: > 0 } pb && (pa.Contains(pb, StringComparison.Ordinal) || pb.Contains(pa, StringComparison.Ordinal)))
        {
            signals.Add(new("place", Place, b.Place!));
        }

        if (Close(a.KilledBest, b.KilledBest) is { } killed)
        {
            signals.Add(new("killed", Killed, killed));
        }

        if (Close(a.WoundedBest, b.WoundedBest) is { } wounded)
        {
            signals.Add(new("wounded", Wounded, wounded));
        }

        var groups = (a.Groups ?? []).Intersect(b.Groups ?? [], StringComparer.Ordinal).ToList();
        if (groups.Count > 0)
        {
            signals.Add(new("groups", Groups, string.Join(", ", groups)));
        }

        var wa = WordsOf(a);
        var wb = WordsOf(b);
        var common = wa.Intersect(wb, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (common.Count > 0)
        {
            signals.Add(new("words", Words * common.Count / wa.Union(wb, StringComparer.Ordinal).Count(), string.Join(' ', common)));
        }

        var rounded = signals.Select(s => s with { Score = Math.Round(s.Score, 3) }).Where(s => s.Score != 0).ToList();
        return (Math.Round(Math.Clamp(signals.Sum(s => s.Score), 0, 1), 3), rounded);
    }

    /// <summary>Two tolls are close when they differ by at most 2, or by at most a fifth of the larger.</summary>
    private static string? Close(int? a, int? b) =>
        a is { } x && b is { } y && Math.Abs(x - y) <= Math.Max(2, Math.Max(x, y) / 5) ? (x == y ? $"{x}" : $"{x} and {y}") : null;

    private static string Normalized(string? text) => string.IsNullOrWhiteSpace(text) ? string.Empty : SourceNames.Normalize(text);

    /// <summary>The words of the title and place (case and accents folded), of four letters or more, so "the", "and" and "of" do not count.</summary>
    private static HashSet<string> WordsOf(IncidentListing listing)
    {
        var text = Normalized($"{listing.Title} {listing.Place}");
        var words = new HashSet<string>(StringComparer.Ordinal);
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                start = start < 0 ? i : start;
            }
            else if (start >= 0)
            {
                if (i - start >= 4)
                {
                    words.Add(text[start..i]);
                }

                start = -1;
            }
        }

        return words;
    }
}
