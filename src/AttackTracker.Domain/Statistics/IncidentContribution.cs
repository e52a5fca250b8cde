using System.Text.Json;
using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Exchange;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;

namespace AttackTracker.Domain.Statistics;

/// <summary>A reconciled figure as the totals add it up and a change notification carries it: the range (high null when open), and how sure the record is of it.</summary>
public sealed record FigureRange(int Low, int Best, int? High, FigureStatus Status)
{
    public static FigureRange? Of(CasualtyFigure? figure) => figure is null ? null : new(figure.Low, figure.Best, figure.High, figure.Status);
}

/// <summary>One claim of responsibility as reports gave it: who, through which channel, how, when, and how many reports say so.</summary>
public sealed record GroupClaim(string Claimant, string? Channel, ClaimMode? Mode, ReportedTime? ClaimedAt, int Reports, DateTimeOffset FirstPublishedAt);

/// <summary>A perpetrator group tied to an incident: by a claim, by an attribution (a perpetrator's affiliation), or both.</summary>
public sealed record GroupLink(string Slug, string Name, bool Claimed, bool Attributed, IReadOnlyList<GroupClaim> Claims);

/// <summary>A GTD attack or weapon type, by its API name, with the codebook's code and text.</summary>
public sealed record CodedType(string Key, int Code, string Text);

/// <summary>
/// What one incident adds to the statistics at a point: where and when, which groups, which
/// attack and weapon types, and its reconciled killed and wounded figures. The totals are sums
/// over these, so a new report, a retraction or an adjudication moves them by replacing one.
/// </summary>
public sealed record IncidentContribution(
    Guid Id,
    string? Title,
    string? Country,
    DateOnly? OccurredOn,
    int? Year,
    IReadOnlyList<GroupLink> Groups,
    IReadOnlyList<CodedType> AttackTypes,
    IReadOnlyList<CodedType> WeaponTypes,
    FigureRange? Killed,
    FigureRange? Wounded,
    bool Disputed,
    bool SingleSource,
    int ReportCount,
    long Version,
    long LastSequence)
{
    /// <summary>
    /// The incident's contribution at <paramref name="asOf"/> on the publication axis (null: now),
    /// from its folded state; <paramref name="lastSequence"/> is the last event the fold took in.
    /// Null when the incident has no opening, or (as of a date) no report had been published on it,
    /// or it is merged into another (its attack is counted once, by the survivor: docs/identity.md).
    /// </summary>
    public static IncidentContribution? Of(Guid id, IncidentState state, DateTimeOffset? asOf, long lastSequence)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Opened is not { } opened || state.MergedInto is not null)
        {
            return null;
        }

        var view = IncidentViewBuilder.Build(id, state, new ViewPoint(asOf, null, null));
        if (asOf is not null && view.ReportCount == 0)
        {
            return null;
        }

        var killed = FigureRange.Of(view.Casualties.Killed);
        var wounded = FigureRange.Of(view.Casualties.Wounded);
        FigureRange[] figures = [.. new[] { killed, wounded }.OfType<FigureRange>()];
        var disputed = figures.Any(f => f.Status == FigureStatus.Disputed);
        return new IncidentContribution(
            id,
            opened.Title,
            opened.Country,
            opened.OccurredOn.Date,
            opened.OccurredOn.Date.Year,
            GroupsOf(view),
            [.. view.AttackTypes.Select(a => a.Value).Distinct().Order().Select(t => new CodedType(Name(t), GtdCodebook.Code(t), GtdCodebook.Text(t)))],
            [.. view.Weapons.Select(w => w.Value.WeaponType).Distinct().Order().Select(t => new CodedType(Name(t), GtdCodebook.Code(t), GtdCodebook.Text(t)))],
            killed,
            wounded,
            disputed,
            !disputed && figures.Any(f => f.Status == FigureStatus.SingleSource),
            view.ReportCount,
            state.Version,
            lastSequence);
    }

    /// <summary>
    /// The groups that claimed the incident and the groups its perpetrators are said to belong to,
    /// matched by name as sources are (case, accents and spacing ignored). The name shown is the
    /// spelling the earliest report used.
    /// </summary>
    private static List<GroupLink> GroupsOf(IncidentView view)
    {
        var claims = view.Claims.Select(c => (c.Value.Claimant, c.FirstPublishedAt, Claim: (GroupClaim?)new GroupClaim(
            c.Value.Claimant, c.Value.Channel, c.Value.Mode, c.Value.ClaimedAt, c.Sources.Select(s => s.ReportId).Distinct().Count(), c.FirstPublishedAt)));
        var attributions = view.Perpetrators
            .SelectMany(p => p.Attributes.TryGetValue("affiliation", out var a) ? a.Values : [])
            .Select(v => ((string)v.Value, v.FirstPublishedAt, Claim: (GroupClaim?)null));
        return [.. claims.Concat(attributions)
            .Select(g => (Slug: GroupNames.Slug(g.Item1), Item: g))
            .Where(g => g.Slug.Length > 0)
            .GroupBy(g => g.Slug, g => g.Item, StringComparer.Ordinal)
            .Select(g =>
            {
                var named = g.MinBy(x => x.FirstPublishedAt);
                var groupClaims = g.Select(x => x.Claim).OfType<GroupClaim>().OrderBy(c => c.FirstPublishedAt).ToList();
                return new GroupLink(g.Key, GroupNames.Display(named.Item1), groupClaims.Count > 0, g.Any(x => x.Claim is null), groupClaims);
            })
            .OrderBy(g => g.Slug, StringComparer.Ordinal)];
    }

    /// <summary>A type's name in the API (kebab-case, as the JSON writes it).</summary>
    public static string Name<T>(T value)
        where T : struct, Enum => JsonSerializer.Serialize(value, IncidentJson.Options).Trim('"');
}
