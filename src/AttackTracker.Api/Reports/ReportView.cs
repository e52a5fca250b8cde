using AttackTracker.Domain.Corrections;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Sources;

namespace AttackTracker.Api.Reports;

public sealed record RetractionView(RetractionKind Kind, string Reason, DateTimeOffset? PublishedAt, DateTimeOffset RecordedAt, string RecordedBy, long Version);

public sealed record ReportFactView(Guid FactId, long Version, Fact Fact, RetractionView? Retraction);

public sealed record ReportView(
    Guid ReportId,
    Guid IncidentId,
    SourceRef Source,
    string Title,
    string? Url,
    DateTimeOffset PublishedAt,
    int? Credibility,
    DateTimeOffset RecordedAt,
    string RecordedBy,
    long Version,
    IReadOnlyList<ReportFactView> Facts)
{
    public static ReportView From(Guid incidentId, ReportEntry report, IncidentState state)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(state);
        var facts = state.Facts.Where(f => f.ReportId == report.ReportId).Select(f => new ReportFactView(
            f.FactId,
            f.Version,
            f.Fact,
            state.Retractions.TryGetValue(f.FactId, out var r)
                ? new RetractionView(r.Kind, r.Reason, r.PublishedAt, r.RecordedAt, r.RecordedBy, r.Version)
                : null));
        return new ReportView(
            report.ReportId, incidentId, report.Source, report.Title, report.Url, report.PublishedAt, report.Credibility,
            report.RecordedAt, report.RecordedBy, report.Version, [.. facts]);
    }
}
