using System.Globalization;
using AttackTracker.Domain.Documents;
using AttackTracker.Domain.Sources;
using AttackTracker.Domain.Writes;

namespace AttackTracker.Domain.Reports;

/// <summary>What POST /api/incidents/{id}/reports answers: the report, the incident's new version and the facts' ids.</summary>
public sealed record ReportCreated(Guid ReportId, Guid IncidentId, long Version, IReadOnlyList<Guid> FactIds);

public static class ReportDecision
{
    /// <summary>
    /// A report on the incident: ReportSubmitted and one event per fact, each stored under its
    /// fact's id with the report's provenance in its headers; and the source's registration or
    /// regrade, if the report needs one, on the source's stream.
    /// </summary>
    public static Decision<ReportCreated> Decide(SubmitReport command, WriteContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var source = context.Source ?? throw new ArgumentException("A report's write resolves its source first.", nameof(context));
        var cited = Passages.Check(command, context.Documents ?? new Dictionary<string, string>());
        if (!cited.IsEmpty)
        {
            return Decision.Refuse<ReportCreated>(cited);
        }

        var reportId = context.NewId();
        var headers = new Dictionary<string, string>
        {
            ["reportId"] = reportId.ToString(),
            ["sourceId"] = source.Id.ToString(),
            ["publishedAt"] = command.PublishedAt.ToString("O", CultureInfo.InvariantCulture),
        };
        if (command.Credibility is { } credibility)
        {
            headers["credibility"] = credibility.ToString(CultureInfo.InvariantCulture);
        }

        var events = Decide(command, source, reportId, context.NewId)
            .Select(e => new NewEvent(e, e is IFactReported f ? f.FactId : reportId, headers))
            .ToList();
        var sourceEvent = context.SourceChange is { } change
            ? new NewEvent(change, context.NewId(), new Dictionary<string, string> { ["reportId"] = reportId.ToString() })
            : null;
        var created = new ReportCreated(reportId, command.IncidentId, context.Incident.Version + events.Count, [.. events.Select(e => e.Data).OfType<IFactReported>().Select(f => f.FactId)]);
        return Decision.Accept(created, events, sourceEvent);
    }

    /// <summary>One ReportSubmitted, then one event per fact, in the order the report gave them.</summary>
    public static IReadOnlyList<object> Decide(SubmitReport command, SourceRef source, Guid reportId, Func<Guid> newId)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(newId);
        var factEvents = command.Facts.Select(fact => ToEvent(newId(), reportId, fact)).ToList();
        var desk = command.Desk is { } review
            ? review with { Outcomes = [.. review.Outcomes.Select(o => o with { FactId = o.Fact is { } i ? factEvents[i].FactId : null })] }
            : null;
        return
        [
            new ReportSubmitted(reportId, source, command.Title, command.Url, command.PublishedAt, command.Credibility, [.. factEvents.Select(f => f.FactId)], desk),
            .. factEvents,
        ];
    }

    private static IFactReported ToEvent(Guid factId, Guid reportId, Fact fact) => fact switch
    {
        CasualtiesFact f => new CasualtiesReported(factId, reportId, f),
        PerpetratorFact f => new PerpetratorDescribed(factId, reportId, f),
        ClaimFact f => new ResponsibilityClaimed(factId, reportId, f),
        AttackTypeFact f => new AttackTypesReported(factId, reportId, f),
        WeaponFact f => new WeaponReported(factId, reportId, f),
        TargetFact f => new TargetReported(factId, reportId, f),
        LocationFact f => new LocationReported(factId, reportId, f),
        TimelineFact f => new TimelineEntryReported(factId, reportId, f),
        PersonFact f => new PersonReported(factId, reportId, f),
        DemandFact f => new DemandReported(factId, reportId, f),
        NoteFact f => new NoteRecorded(factId, reportId, f),
        _ => throw new ArgumentOutOfRangeException(nameof(fact), fact.GetType().Name, "Not a fact type."),
    };
}
