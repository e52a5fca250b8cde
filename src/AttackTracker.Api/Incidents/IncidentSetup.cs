using JasperFx.Events.Projections;
using Marten;

namespace AttackTracker.Api.Incidents;

public static class IncidentSetup
{
    /// <summary>The incident's readers: its stored view, the list and its query.</summary>
    public static WebApplicationBuilder AddIncidents(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ListingQuery>().AddSingleton<IncidentReader>().AddSingleton<IncidentViews>();
        return builder;
    }

    /// <summary>
    /// The incident's state, view, listing and snapshots, folded inline: the first inline projection,
    /// so that the ones after it see the incident as the write left it.
    /// </summary>
    public static void ConfigureStore(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Projections.Add(new IncidentStateProjection(), ProjectionLifecycle.Inline);
        IncidentStateProjection.MapDocuments(options);
    }
}
