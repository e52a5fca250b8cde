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
        var builder = new NpgsqlDataSourceBuilder(settings.ConnectionString);
        if (settings.ServiceRole.Length > 0)
        {
            builder.ConnectionStringBuilder.Options = $"{builder.ConnectionStringBuilder.Options} -c role={settings.ServiceRole}".Trim();
        }

        return builder.Build();
    }

    /// <summary>The owner's pool, for migrations only.</summary>
    public static NpgsqlDataSource ForOwner(StoreSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return NpgsqlDataSource.Create(settings.MigrationConnectionString);
    }
}
