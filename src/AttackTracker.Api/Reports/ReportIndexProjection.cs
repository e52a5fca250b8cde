using AttackTracker.Domain.Reports;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace AttackTracker.Api.Reports;

/// <summary>Indexes every report by id, for GET /api/reports/{id} and the sources' report counts.</summary>
public sealed partial class ReportIndexProjection : EventProjection
{
    public ReportIndexProjection()
    {
        Name = "report_index";
        Options.BatchSize = 5_000;
    }

    public static void MapDocuments(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Schema.For<ReportIndexEntry>().Duplicate(x => x.SourceId).Duplicate(x => x.IncidentId);
    }

    public static ReportIndexEntry Create(IEvent<ReportSubmitted> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new ReportIndexEntry(e.Data.ReportId, e.StreamId, e.Data.Source.Id, e.Data.PublishedAt, e.Version);
    }
}
