using AttackTracker.Api.Incidents;
using AttackTracker.Api.Store;
using JasperFx;
using Marten;

namespace AttackTracker.Benchmarks;

/// <summary>Marten stores on a benchmark schema, configured as the service configures its own.</summary>
public static class Stores
{
    /// <summary>The login role works in the schema itself: the benchmark measures the store, not the role switch.</summary>
    public static StoreSettings Settings(BenchContext context, string schema)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new StoreSettings(context.ConnectionString, context.ConnectionString, schema, ServiceRole: string.Empty);
    }

    /// <summary>
    /// The service's event store configuration (quick appends with the stamped times, metadata, the stored type names, auto-prepared statements) and,
    /// with <paramref name="projections"/>, its inline projections. With <paramref name="migrate"/>
    /// the schema is created as the service's owner creates it: Marten's tables, then the project's
    /// SQL (the hash-chain and recording-axis trigger, the append-only triggers).
    /// </summary>
    public static async Task<DocumentStore> OpenAsync(BenchContext context, string schema, bool projections, bool migrate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = Settings(context, schema);
        var options = new StoreOptions();
        StoreSetup.Configure(options, settings, projections);
        options.Events.MapEventType<IncidentNoteAdded>(IncidentNoteAdded.StoredName);
        if (!projections)
        {
            // The project's SQL indexes the listing's table (Sql/0011): the table is there, unwritten.
            IncidentStateProjection.MapDocuments(options);
        }
        // As the service's pool: statements auto-prepared, so no DISCARD ALL between uses (Store/DataSources.cs).
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(context.ConnectionString);
        DataSources.AutoPrepare(connection);
        options.Connection(connection.ConnectionString);
        options.AutoCreateSchemaObjects = migrate ? AutoCreate.CreateOrUpdate : AutoCreate.None;
        var store = new DocumentStore(options);
        if (migrate)
        {
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            await SchemaMigrator.ApplyProjectSqlAsync(context.Database.Admin, settings, cancellationToken);
        }

        return store;
    }
}
