using AttackTracker.Domain.Desk;
using AttackTracker.Domain.Sources;

namespace AttackTracker.Domain.Reports;

public sealed record ReportSubmitted(
    Guid ReportId,
    SourceRef Source,
    string Title,
    string? Url,
    DateTimeOffset PublishedAt,
    int? Credibility,
    IReadOnlyList<Guid> FactIds,
    DeskReview? Desk = null);

/// <summary>An event that carries one fact of a report. The fact's id is the event's id.</summary>
public interface IFactReported
{
    Guid FactId { get; }

    Guid ReportId { get; }

    Fact Payload { get; }
}

public sealed record CasualtiesReported(Guid FactId, Guid ReportId, CasualtiesFact Fact) : IFactReported
{
    Fact IFactReported.Payload => Fact;
}

public sealed record PerpetratorDescribed(Guid FactId, Guid ReportId, PerpetratorFact Fact) : IFactReported
{
    Fact IFactReported.Payload => Fact;
}

public sealed record ResponsibilityClaimed(Guid FactId, Guid ReportId, ClaimFact Fact) : IFactReported
{
    Fact IFactReported.Payload => Fact;
}

public sealed record AttackTypesReported(Guid FactId, Guid ReportId, AttackTypeFact Fact) : IFactReported
{
    Fact IFactReported.Payload => Fact;
}

public sealed record WeaponReported(Guid FactId, Guid ReportId, WeaponFact Fact) : IFactReported
{
    Fact IFactReported.Payload => Fact;
}

public sealed record TargetReported(Guid FactId, Guid ReportId, TargetFact Fact) : IFactReported
{
    Fact IFactReported.Payload => Fact;
}

public sealed record LocationReported(Guid FactId, Guid ReportId, LocationFact Fact) : IFactReported
{
    Fact IFactReported.Payload => Fact;
}

public sealed record TimelineEntryReported(Guid FactId, Guid ReportId, TimelineFact Fact) : IFactReported
{
    Fact IFactReported.Payload => Fact;
}

public sealed record PersonReported(Guid FactId, Guid ReportId, PersonFact Fact) : IFactReported
{
    Fact IFactReported.Payload => Fact;
}

public sealed record DemandReported(Guid FactId, Guid ReportId, DemandFact Fact) : IFactReported
{
    Fact IFactReported.Payload => Fact;
}

public sealed record NoteRecorded(Guid FactId, Guid ReportId, NoteFact Fact) : IFactReported
{
    Fact IFactReported.Payload => Fact;
}
