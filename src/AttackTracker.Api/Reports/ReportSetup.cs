using JasperFx.Events.Projections;
using Marten;

namespace AttackTracker.Api.Reports;

public static class ReportSetup
{
    /// <summary>The report index (report → incident and source), folded inline.</summary>
    public static void ConfigureStore(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Projections.Add(new ReportIndexProjection(), ProjectionLifecycle.Inline);
        ReportIndexProjection.MapDocuments(options);
    }
}
