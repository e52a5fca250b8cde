using JasperFx.Events.Projections;
using Marten;

namespace AttackTracker.Api.Sources;

public static class SourceSetup
{
    /// <summary>The sources' views, folded inline so that a write's source is listed at once.</summary>
    public static void ConfigureStore(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Projections.Add(new SourceViewProjection(), ProjectionLifecycle.Inline);
        SourceViewProjection.MapDocuments(options);
    }
}
