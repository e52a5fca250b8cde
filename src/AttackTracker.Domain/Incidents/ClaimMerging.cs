using AttackTracker.Domain.Sources;

namespace AttackTracker.Domain.Incidents;

/// <summary>
/// A claim that leaves a detail out is the same claim as one that gives it (docs/reconciliation.md):
/// "the Islamic State claimed it" and "the Islamic State claimed it through Amaq on 23 March" are one
/// claim, listed once with the detail and every source. The claimant must be the same name (case,
/// accents and spacing ignored), and each detail the shorter claim gives (channel, mode, time) must
/// be the other's, a time also when it lies within the other's period. A claim that more than one
/// fuller claim could be stays apart, since the record cannot say which of them its source meant.
/// </summary>
public static class ClaimMerging
{
    public static List<Attested<ClaimValue>> Merge(IReadOnlyList<Attested<ClaimValue>> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var kept = new List<Attested<ClaimValue>>();
        // The fullest and most precise first, so that a claim meets every claim that could hold it before it is kept.
        foreach (var claim in claims.OrderByDescending(c => Details(c.Value)).ThenByDescending(c => c.Value.ClaimedAt?.Precision).ThenBy(c => c.FirstPublishedAt))
        {
            var fuller = kept.Select((k, i) => (Claim: k, Index: i)).Where(k => Covers(k.Claim.Value, claim.Value)).ToList();
            if (fuller is [var only])
            {
                var sources = only.Claim.Sources.Concat(claim.Sources).OrderBy(s => s.PublishedAt).ToList();
                kept[only.Index] = only.Claim with { Sources = sources, FirstPublishedAt = sources[0].PublishedAt, LastPublishedAt = sources[^1].PublishedAt };
            }
            else
            {
                kept.Add(claim);
            }
        }

        return [.. kept.OrderBy(c => c.FirstPublishedAt)];
    }

    private static int Details(ClaimValue claim) =>
        (claim.Channel is null ? 0 : 1) + (claim.Mode is null ? 0 : 1) + (claim.ClaimedAt is null ? 0 : 1);

    /// <summary>Whether <paramref name="fuller"/> says all that <paramref name="claim"/> says.</summary>
    private static bool Covers(ClaimValue fuller, ClaimValue claim) =>
        SourceNames.Normalize(fuller.Claimant) == SourceNames.Normalize(claim.Claimant)
        && (claim.Channel is null || (fuller.Channel is { } channel && SourceNames.Normalize(channel) == SourceNames.Normalize(claim.Channel)))
        && (claim.Mode is null || claim.Mode == fuller.Mode)
        && (claim.ClaimedAt is not { } at || (fuller.ClaimedAt is { } other && at.Start <= other.Start && other.End <= at.End));
}
