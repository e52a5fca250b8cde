using AttackTracker.Domain.Sources;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;

namespace AttackTracker.Api.Sources;

/// <summary>Each source's current registration and grade, inline with its stream.</summary>
public sealed partial class SourceViewProjection : SingleStreamProjection<SourceView, Guid>
{
    public SourceViewProjection() => Name = "source_view";

    public static void MapDocuments(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Schema.For<SourceView>().Duplicate(x => x.NormalizedName);
    }

    public static SourceView Create(IEvent<SourceRegistered> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var r = e.Data;
        return new SourceView(r.SourceId, r.Name, SourceNames.Normalize(r.Name), r.Kind, r.Reliability, r.Url, e.Timestamp, e.Version, e.Timestamp);
    }

    public static SourceView Apply(IEvent<SourceGraded> e, SourceView view)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(view);
        return view with { Kind = e.Data.Kind, Reliability = e.Data.Reliability, Version = e.Version, LastRecordedAt = e.Timestamp };
    }
}
