using AttackTracker.Api.Admin;
using AttackTracker.Api.Incidents;
using AttackTracker.Api.Reports;
using AttackTracker.Api.Sources;
using AttackTracker.Api.TimeTravel;
using AttackTracker.EventStore;
using AttackTracker.Incidents;

namespace AttackTracker.Api.Infrastructure;

public static partial class StoreSetup
{
    public const string ConnectionStringName = "EventStore";

    /// <summary>Optional: the table owner's connection for migrations, when the service logs in as a role that cannot create tables.</summary>
    public const string MigrationsConnectionStringName = "EventStoreMigrations";

    /// <summary>
    /// One data source and one store per process. Without a configured connection string, the
    /// repository's private cluster is started (src/tools/localpg.sh); a deployed build has no such
    /// script and fails with a message naming ConnectionStrings__EventStore.
    /// </summary>
    public static WebApplicationBuilder AddEventStore(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = LocalPostgres.StartAsync("attacktracker").GetAwaiter().GetResult();
            Console.WriteLine($"Using the private PostgreSQL cluster: {connectionString}");
        }

        // The service works as a role that cannot change or remove events (Migrations/0003); the
        // tables are created and migrated through the login role, which owns them.
        var serviceRole = builder.Configuration["EventStore:ServiceRole"] ?? "attacktracker_service";
        var owner = EventStoreDataSource.Create(builder.Configuration.GetConnectionString(MigrationsConnectionStringName) is { Length: > 0 } migrations
            ? migrations
            : connectionString);
        // The role is a startup option rather than a SET ROLE, so the pool's session reset
        // (DISCARD ALL) returns a connection to the restricted role, never to the login role.
        var dataSource = serviceRole.Length == 0
            ? EventStoreDataSource.Create(connectionString)
            : EventStoreDataSource.Create(connectionString, source =>
                source.ConnectionStringBuilder.Options = $"{source.ConnectionStringBuilder.Options} -c role={serviceRole}".Trim());
        var options = new EventStoreOptions
        {
            Schema = builder.Configuration["EventStore:Schema"] ?? "attacktracker",
            Json = IncidentJson.Options,
            MigrationDataSource = owner,
        };
        EventTypes.RegisterAll(options.Types);
        options.Migrations.Add(new MigrationSource("read_models", typeof(StoreSetup).Assembly, "AttackTracker.Api.Migrations."));
        var store = new EventStore.EventStore(dataSource, options);
        var schema = new SchemaName(store.QuotedSchema);
        var incidentRows = new IncidentRows(schema.Quoted);
        var sourceRows = new SourceRows(schema.Quoted);
        options.InlineProjections.Add(new IncidentViewProjection(incidentRows));
        options.InlineProjections.Add(sourceRows);

        builder.Services.AddSingleton(dataSource);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(schema);
        builder.Services.AddSingleton(incidentRows);
        builder.Services.AddSingleton(sourceRows);
        builder.Services.AddSingleton(new IdempotencyKeys(schema.Quoted));
        builder.Services.AddSingleton(sp => new IncidentQueries(dataSource, schema.Quoted, incidentRows));
        builder.Services.AddSingleton<IncidentWriter>();
        builder.Services.AddSingleton<IncidentWrites>();
        builder.Services.AddSingleton<ReportWriter>();
        builder.Services.AddSingleton<ProjectionRebuilder>();
        builder.Services.AddSingleton(sp => new IncidentTimeMachine(store, dataSource, incidentRows));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<Migrator>();
        return builder;
    }

    private sealed partial class Migrator(EventStore.EventStore store, ILogger<Migrator> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var applied = await store.MigrateAsync(cancellationToken);
            foreach (var migration in applied)
            {
                LogApplied(logger, migration);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Migration}")]
        private static partial void LogApplied(ILogger logger, string migration);
    }
}
