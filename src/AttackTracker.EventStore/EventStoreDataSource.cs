using Npgsql;

namespace AttackTracker.EventStore;

/// <summary>Builds the one <see cref="NpgsqlDataSource"/> a process shares.</summary>
public static class EventStoreDataSource
{
    /// <summary>
    /// A data source for <paramref name="connectionString"/>. The store sends the same few
    /// statements over and over, so automatic preparation is on unless the string sets it.
    /// </summary>
    public static NpgsqlDataSource Create(string connectionString, Action<NpgsqlDataSourceBuilder>? configure = null)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }

        configure?.Invoke(builder);
        return builder.Build();
    }
}
