using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Corrections;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Statistics;

namespace AttackTracker.Domain.Notifications;

/// <summary>
/// One thing a commit changed that a newsroom wants to hear about (issue 11): its kind, the
/// incident and the version the commit brought it to, the report (or correction) that caused it,
/// and for figures the category with its value before and after; for a merge or an unmerge, the
/// two incidents (each side's stream records it, so each side gets one).
/// </summary>
public sealed record ChangeNotification(
    string Kind,
    Guid IncidentId,
    string? Country,
    long Version,
    DateTimeOffset RecordedAt,
    string RecordedBy,
    Guid? ReportId,
    string? Source,
    CasualtyCategory? Category,
    FigureRange? Before,
    FigureRange? After,
    string? Claimant,
    string? Channel,
    IReadOnlyList<Guid>? FactIds,
    Guid? SurvivorId = null,
    Guid? AbsorbedId = null);

/// <summary>
/// A notification as it is sent and streamed, in the Standard Webhooks payload shape: a stable id
/// (the webhook-id header too, for de-duplication), the kind as type, when it was recorded, and
/// the notification as data.
/// </summary>
public sealed record NotificationEnvelope(string Id, string Type, DateTimeOffset Timestamp, ChangeNotification Data)
{
    /// <summary>The id of the <paramref name="ordinal"/>-th notification of the commit that brought the incident to <paramref name="version"/>.</summary>
    public static string IdOf(Guid incidentId, long version, int ordinal) => FormattableString.Invariant($"{incidentId}:{version}:{ordinal}");

    public static IReadOnlyList<NotificationEnvelope> Of(IReadOnlyList<ChangeNotification> commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        return [.. commit.Select((n, i) => new NotificationEnvelope(IdOf(n.IncidentId, n.Version, i), n.Kind, n.RecordedAt, n))];
    }
}

/// <summary>
/// The notifications of one commit to an incident's stream, from the state before it and the
/// events it appended: a pure function, so the outbox, the live feed and a replay of the log all
/// say the same thing about the same commit.
/// </summary>
public static class ChangeNotifications
{
    public const string IncidentOpened = "incident.opened";
    public const string FigureChanged = "figure.changed";
    public const string FigureDisputed = "figure.disputed";
    public const string ClaimReported = "claim.reported";
    public const string FactRetracted = "fact.retracted";
    public const string IncidentMerged = "incident.merged";
    public const string IncidentUnmerged = "incident.unmerged";

    public static IReadOnlyList<string> Kinds { get; } = [IncidentOpened, FigureChanged, FigureDisputed, ClaimReported, FactRetracted, IncidentMerged, IncidentUnmerged];

    private static readonly CasualtyCategory[] Categories = Enum.GetValues<CasualtyCategory>();

    public static IReadOnlyList<ChangeNotification> Of(Guid incidentId, IncidentState before, IReadOnlyList<StreamEvent> commit)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(commit);
        if (commit.Count == 0)
        {
            return [];
        }

        var after = IncidentFold.Fold(commit, before);
        var last = commit[^1];
        var submitted = commit.Select(e => e.Data).OfType<ReportSubmitted>().FirstOrDefault();
        ChangeNotification Make(string kind) =>
            new(kind, incidentId, after.Opened?.Country, after.Version, last.RecordedAt, last.RecordedBy, submitted?.ReportId, submitted?.Source.Name, null, null, null, null, null, null);

        var notifications = new List<ChangeNotification>();
        if (commit.Any(e => e.Data is IncidentOpened))
        {
            notifications.Add(Make(IncidentOpened));
        }

        // The figures as the record shows them now (every report, whatever its date), before and after.
        var old = before.Opened is null ? null : IncidentViewBuilder.CurrentCasualties(before);
        var now = IncidentViewBuilder.CurrentCasualties(after);
        foreach (var category in Categories)
        {
            var was = FigureRange.Of(old?.Figure(category));
            var becomes = FigureRange.Of(now.Figure(category));
            if (was == becomes)
            {
                continue;
            }

            notifications.Add(Make(FigureChanged) with { Category = category, Before = was, After = becomes });
            if (becomes?.Status == FigureStatus.Disputed && was?.Status != FigureStatus.Disputed)
            {
                notifications.Add(Make(FigureDisputed) with { Category = category, Before = was, After = becomes });
            }
        }

        foreach (var claim in commit.Select(e => e.Data).OfType<ResponsibilityClaimed>())
        {
            notifications.Add(Make(ClaimReported) with { Claimant = claim.Fact.Claimant, Channel = claim.Fact.Channel, FactIds = [claim.FactId] });
        }

        foreach (var retraction in commit.Select(e => e.Data).OfType<FactsRetracted>())
        {
            notifications.Add(Make(FactRetracted) with { FactIds = retraction.FactIds });
        }

        notifications.AddRange(commit.Select(e => e.Data switch
        {
            Identity.IncidentMerged m => Make(IncidentMerged) with { SurvivorId = incidentId, AbsorbedId = m.Absorbed },
            Identity.IncidentAbsorbed a => Make(IncidentMerged) with { SurvivorId = a.Survivor, AbsorbedId = incidentId },
            Identity.IncidentUnmerged u => Make(IncidentUnmerged) with { SurvivorId = incidentId, AbsorbedId = u.Absorbed },
            Identity.IncidentRestored r => Make(IncidentUnmerged) with { SurvivorId = r.Survivor, AbsorbedId = incidentId },
            _ => null,
        }).OfType<ChangeNotification>());
        return notifications;
    }
}
