using AttackTracker.Domain.Sources;

namespace AttackTracker.Domain.Reports;

public static class ReportDecision
{
    /// <summary>One ReportSubmitted, then one event per fact, in the order the report gave them.</summary>
    public static IReadOnlyList<object> Decide(SubmitReport command, SourceRef source, Guid reportId, Func<Guid> newId)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(newId);
        var factEvents = command.Facts.Select(fact => ToEvent(newId(), reportId, fact)).ToList();
        return
        [
            new ReportSubmitted(reportId, source, command.Title, command.Url, command.PublishedAt, command.Credibility, [.. factEvents.Select(f => f.FactId)]),
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
