using AttackTracker.Api.Incidents;
using AttackTracker.Api.Infrastructure;
using AttackTracker.Api.Sources;
using AttackTracker.EventStore;
using AttackTracker.Domain;
using Npgsql;

namespace AttackTracker.Benchmarks;

/// <summary>Event stores on a benchmark schema, configured as the service configures its own.</summary>
public static class Stores
{
    /// <summary>A bare store for the peers' payload event: append_events and nothing else.</summary>
    public static EventStore.EventStore Notes(NpgsqlDataSource dataSource, string schema)
    {
        var options = new EventStoreOptions { Schema = schema };
        options.Types.Register<IncidentNoteAdded>(IncidentNoteAdded.StoredName);
        return new EventStore.EventStore(dataSource, options);
    }

    /// <summary>
    /// A store for the domain's events with the service's JSON settings and read-model tables. With
    /// <paramref name="inlineProjections"/> every append also updates the incident view and the
    /// source and report rows in its transaction, as a write through the API does.
    /// </summary>
    public static EventStore.EventStore Incidents(NpgsqlDataSource dataSource, string schema, bool inlineProjections)
    {
        var options = new EventStoreOptions { Schema = schema, Json = IncidentJson.Options };
        EventTypes.RegisterAll(options.Types);
        options.Migrations.Add(new MigrationSource("read_models", typeof(StoreSetup).Assembly, "AttackTracker.Api.Migrations."));
        var store = new EventStore.EventStore(dataSource, options);
        if (inlineProjections)
        {
            options.InlineProjections.Add(new IncidentViewProjection(new IncidentRows(store.QuotedSchema)));
            options.InlineProjections.Add(new SourceRows(store.QuotedSchema));
        }

        return store;
    }
}
