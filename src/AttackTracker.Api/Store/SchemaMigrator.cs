using JasperFx;
using Marten;
using Npgsql;
using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql;
using Wolverine.Persistence.Durability;

namespace AttackTracker.Api.Store;

/// <summary>
/// Creates and migrates the schema as its owner before anything else starts: Marten's tables
/// (Weasel, from the same configuration the service uses), Wolverine's durable inbox and outbox,
/// then the project's own SQL (Sql/*.sql, idempotent, in one transaction). The service's own
/// store never migrates (AutoCreate.None): it works as a role that could not.
/// </summary>
public sealed partial class SchemaMigrator(
    StoreSettings settings, IServiceProvider services, StoreLogger storeLogger, ILogger<SchemaMigrator> logger) : IHostedLifecycleService
{
    // Serializes the project's SQL across every schema in the cluster: CREATE ROLE and GRANT on the
    // shared role race otherwise ("tuple concurrently updated").
    private const string LockName = "attacktracker:schema";

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        // The store's first connection: a missing database is created here, or named in one line.
        await StoreDatabase.EnsureAsync(settings.MigrationConnectionString, logger, cancellationToken);
        await using var owner = DataSources.ForOwner(settings);
        var options = new StoreOptions();
        StoreSetup.Configure(options, settings);
        options.Connection(owner);
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        options.Logger(storeLogger);
        foreach (var configure in services.GetServices<IConfigureMarten>())
        {
            configure.Configure(services, options);
        }

        using (var store = new DocumentStore(options))
        {
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        }

        // Wolverine's durable inbox and outbox: the definitions of the service's own message store,
        // applied through the owner's connection.
        if (services.GetRequiredService<IMessageStore>() is IFeatureSchema messages)
        {
            await using var connection = await owner.OpenConnectionAsync(cancellationToken);
            var migrator = new PostgresqlMigrator();
            var migration = await SchemaMigration.DetermineAsync(connection, migrator, cancellationToken, messages.Objects);
            if (migration.Difference != SchemaPatchDifference.None)
            {
                await migrator.ApplyAllAsync(connection, migration, AutoCreate.CreateOrUpdate, storeLogger, cancellationToken);
            }
        }

        await ApplyProjectSqlAsync(owner, settings, cancellationToken);
        LogMigrated(logger, settings.Schema, settings.ServiceRole.Length > 0 ? settings.ServiceRole : "(the login role)");
        if (settings.ServiceRole.Length > 0 && !await ServiceRoleReadsAllStatsAsync(owner, cancellationToken))
        {
            LogCannotSeeTransactions(logger, settings.ServiceRole);
        }
    }

    /// <summary>The project's own SQL (Sql/*.sql), on a schema Marten has created, in one transaction.</summary>
    public static async Task ApplyProjectSqlAsync(NpgsqlDataSource owner, StoreSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(settings);
        await using var connection = await owner.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = LockName });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var (name, sql) in ProjectSql())
        {
            if (name.EndsWith("_service_role.sql", StringComparison.Ordinal) && settings.ServiceRole.Length == 0)
            {
                continue;
            }

            var text = sql.Replace("__schema__", Quote(settings.Schema), StringComparison.Ordinal)
                .Replace("__service_role__", settings.ServiceRole, StringComparison.Ordinal);
            await using var command = new NpgsqlCommand(text, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static IEnumerable<(string Name, string Sql)> ProjectSql()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"Missing resource {name}.");
            using var reader = new StreamReader(stream);
            yield return (name, reader.ReadToEnd());
        }
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await MigrateAsync(cancellationToken);
        }
        catch (StoreUnavailableException ex)
        {
            // The host would log the failure with a stack trace and, started with --urls, exit 0:
            // the one line that says what to do, and a failing exit code, are all a reader needs.
            await Console.Error.WriteLineAsync(ex.Message);
            Environment.Exit(1);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Sql/0900 grants it when it may; a WARNING from there would not reach this log.</summary>
    private async Task<bool> ServiceRoleReadsAllStatsAsync(NpgsqlDataSource owner, CancellationToken cancellationToken)
    {
        await using var command = owner.CreateCommand("SELECT pg_has_role($1, 'pg_read_all_stats', 'MEMBER')");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = settings.ServiceRole });
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The role {Role} is not a member of pg_read_all_stats: the async daemon cannot see other sessions' open transactions, and may skip the events of a transaction that stays open past its stale-gap threshold (3 s). Run: GRANT pg_read_all_stats TO {Role}")]
    private static partial void LogCannotSeeTransactions(ILogger logger, string role);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema {Schema} is migrated; the service works as {Role}")]
    private static partial void LogMigrated(ILogger logger, string schema, string role);
}
