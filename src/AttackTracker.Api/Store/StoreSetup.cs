using System.Text.Json;
using AttackTracker.Api.Documents;
using AttackTracker.Api.Incidents;
using AttackTracker.Api.Notifications;
using AttackTracker.Api.Reports;
using AttackTracker.Api.Sources;
using AttackTracker.Domain;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten;
using Npgsql;
using Weasel.Core;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace AttackTracker.Api.Store;

public static class StoreSetup
{
    /// <summary>
    /// Marten as the event store and document store, Wolverine on top of it (HTTP endpoints,
    /// transactional middleware, durable inbox and outbox), and the schema migrated by its owner
    /// before either starts. See docs/adr/0003-marten-and-wolverine.md.
    /// </summary>
    public static WebApplicationBuilder AddStore(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = StoreSettings.Read(builder.Configuration);
        builder.Services.AddSingleton(settings);
        // Made by the container, so that it is disposed with it and its pooled connections closed:
        // a registered instance would be left open (every host a test starts would leak its pool).
        builder.Services.AddSingleton(_ => DataSources.ForService(settings));
        // Reads that may come from a standby, and the read-your-writes token (Store/ReadSessions.cs).
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<ReadSessions>();
        builder.Services.AddSingleton<DatabaseRoles>();
        builder.Services.AddSingleton<RecordingClock>();
        builder.Services.AddSingleton<WriteUnits>();
        builder.Services.AddSingleton(TimeProvider.System);
        // First, so that its StartingAsync runs before Marten's and Wolverine's services start.
        builder.Services.AddSingleton<SchemaMigrator>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SchemaMigrator>());
        builder.Services.AddSingleton<StoreLogger>();
        builder.Services.AddSingleton<DaemonProgress>();

        builder.Services.AddMarten(services =>
            {
                var options = new StoreOptions();
                Configure(options, settings);
                options.Connection(services.GetRequiredService<NpgsqlDataSource>());
                options.AutoCreateSchemaObjects = AutoCreate.None;
                options.Logger(services.GetRequiredService<StoreLogger>());
                return options;
            })
            // Lightweight sessions, on the request's read route when it has one (Store/ReadSessionFactory.cs).
            .BuildSessionsWith<ReadSessionFactory>()
            .IntegrateWithWolverine(integration => integration.AutoCreate = AutoCreate.None)
            // One node at a time runs every async projection and subscription: the one holding the
            // schema's leadership lock (Projections.DaemonLockId below); another takes over when it
            // dies. EventStore:Daemon=Disabled keeps a node out of the election altogether.
            .AddAsyncDaemon(builder.Configuration.GetValue("EventStore:Daemon", DaemonMode.HotCold));

        var typeLoadMode = builder.Configuration.GetValue("Wolverine:TypeLoadMode", TypeLoadMode.Static);
        builder.Host.UseWolverine(wolverine =>
        {
            wolverine.ApplicationAssembly = typeof(StoreSetup).Assembly;
            wolverine.Policies.AutoApplyTransactions();
            // Solo for one node; Balanced when several share the database (docs/stats.md), so
            // that one leader assigns the recovery of the durable inbox and outbox, a dead node's too.
            wolverine.Durability.Mode = builder.Configuration.GetValue("Wolverine:Durability", DurabilityMode.Solo);
            wolverine.CodeGeneration.TypeLoadMode = typeLoadMode;
            // Pre-generated handler code, committed (src/tools/codegen.sh writes it; the test command
            // fails when it is stale), so the service starts without compiling anything.
            wolverine.CodeGeneration.GeneratedCodeOutputPath = builder.Configuration["Wolverine:GeneratedCodePath"] ?? "Http/Generated";
        });
        builder.Services.AddWolverineHttp();
        return builder;
    }

    /// <summary>
    /// Everything the service's store and the owner's migrating store share. Without
    /// <paramref name="projections"/> (the benchmark's library baseline), the events alone.
    /// </summary>
    public static void Configure(StoreOptions options, StoreSettings settings, bool projections = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        options.DatabaseSchemaName = settings.Schema;
        // The one JSON shape of the API and docs/events.md: camelCase, kebab-case enums, nulls omitted.
        options.UseSystemTextJsonForSerialization(new JsonSerializerOptions(IncidentJson.Options), EnumStorage.AsString, Casing.CamelCase);

        var events = options.Events;
        // Quick appends with the timestamps the service stamps (the recording axis, Store/WriteUnit.cs):
        // the stream's version is checked and the events inserted by one function call inside the
        // unit of work, with no reservation round trip before it (Rich mode's nextval per event).
        // Every write locks or starts its streams with a known version, so versions are assigned
        // before the inline projections run. A rolled-back transaction can leave a gap in the
        // sequence; the daemon skips one only when no live transaction can still fill it (the
        // service role reads pg_stat_activity, Sql/0900), so the threshold can be short. ADR 0004.
        events.AppendMode = EventAppendMode.QuickWithServerTimestamps;
        // An optimistic append that loses a race waits for the winner and fails its version check
        // before drawing a sequence number, instead of leaving a gap the daemon must wait out.
        events.UseExclusiveLockOnConcurrentAppends = true;
        events.StreamIdentity = StreamIdentity.AsGuid;
        events.MetadataConfig.CorrelationIdEnabled = true;
        events.MetadataConfig.CausationIdEnabled = true;
        events.MetadataConfig.HeadersEnabled = true;
        events.MetadataConfig.UserNameEnabled = true;
        // No NOTIFY on appends: a notifying transaction holds a cluster-wide lock through its
        // commit, which serializes every writer's commit (../shared/PERFORMANCE.md, lever 1). The
        // daemon polls instead (every 250 ms while events arrive, every 500 ms when idle), often
        // enough that the statistics and the live feed stay within a second of the last write.
        events.UseListenNotifyForEventAppends = false;
        options.Projections.FastPollingTime = TimeSpan.FromMilliseconds(250);
        options.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(500);
        options.Projections.StaleSequenceThreshold = TimeSpan.FromSeconds(1);
        EventTypes.MapAll(options);
        if (!projections)
        {
            return;
        }

        // A rebuild writes the report index, one new document per report, with COPY.
        options.Projections.RebuildWithBulkCopy = true;
        // Each feature registers its own projections and documents. The inline ones run in this
        // order in every write's transaction, so it stays: the incident first.
        IncidentSetup.ConfigureStore(options);
        SourceSetup.ConfigureStore(options);
        ReportSetup.ConfigureStore(options);
        DocumentSetup.ConfigureStore(options);
        Statistics.StatisticsSetup.ConfigureStore(options, settings.Schema);
        // A poison event is recorded as a dead letter (GET /api/admin/projection-failures) and
        // skipped, and the shard keeps going; in a rebuild as in continuous running.
        options.Projections.Errors.SkipApplyErrors = true;
        options.Projections.Errors.SkipSerializationErrors = true;
        options.Projections.Errors.SkipUnknownEvents = true;
        options.Projections.RebuildErrors.SkipApplyErrors = true;
        options.Projections.RebuildErrors.SkipSerializationErrors = true;
        options.Projections.RebuildErrors.SkipUnknownEvents = true;
        // The daemon's leadership lock is per schema: services on other schemas of one database
        // (the tests' hosts) each elect their own node.
        options.Projections.DaemonLockId = StableLockId(settings.Schema);
        NotificationSetup.ConfigureStore(options);
    }

    /// <summary>A lock id from the schema's name, the same in every process (string.GetHashCode is not).</summary>
    public static int StableLockId(string schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("attacktracker:daemon:" + schema));
        return BitConverter.ToInt32(hash, 0) & 0x7FFFFFFF;
    }
}
