using Npgsql;

namespace AttackTracker.Api.Store;

/// <summary>The service's connection pool and the owner's.</summary>
public static class DataSources
{
    /// <summary>
    /// The pool every request uses. The role is a startup option rather than a SET ROLE, so the
    /// pool's session reset (DISCARD ALL) returns a connection to the restricted role, never to the
    /// login role.
    /// </summary>
    public static NpgsqlDataSource ForService(StoreSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Build(settings, settings.ConnectionString);
    }

    /// <summary>The pool of reads that may come from a standby (ConnectionStrings:EventStoreReads), as the service role; null without one.</summary>
    public static NpgsqlDataSource? ForReads(StoreSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.ReadConnectionString is { } reads ? Build(settings, reads) : null;
    }

    private static NpgsqlDataSource Build(StoreSettings settings, string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (settings.ServiceRole.Length > 0)
        {
            builder.ConnectionStringBuilder.Options = $"{builder.ConnectionStringBuilder.Options} -c role={settings.ServiceRole}".Trim();
        }

        AutoPrepare(builder.ConnectionStringBuilder);
        return builder.Build();
    }

    /// <summary>
    /// Statements used twice on a connection are prepared. Besides saving the parse and plan, a
    /// connection that holds prepared statements is reset without DISCARD ALL when it returns to
    /// the pool, so the plans cached by the hash-chain trigger, Marten's append function and its
    /// upserts survive from one request to the next (../shared/PERFORMANCE.md, lever 2). The reset
    /// still releases session locks and listeners (unlike No Reset On Close).
    /// </summary>
    public static void AutoPrepare(NpgsqlConnectionStringBuilder connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.MaxAutoPrepare == 0)
        {
            connection.MaxAutoPrepare = 100;
            connection.AutoPrepareMinUsages = 2;
        }
    }

    /// <summary>The owner's pool, for migrations only.</summary>
    public static NpgsqlDataSource ForOwner(StoreSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return NpgsqlDataSource.Create(settings.MigrationConnectionString);
    }
}
