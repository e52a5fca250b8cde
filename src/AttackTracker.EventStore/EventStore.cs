using System.Text.Json;
using System.Text.Json.Serialization;
using AttackTracker.EventStore.Migrations;
using Npgsql;

namespace AttackTracker.EventStore;

/// <summary>
/// An append-only event store on PostgreSQL: one stream per aggregate, a per-stream version
/// checked on every append, a global position, and a feed that delivers every committed
/// event in transaction order without gaps. One instance per schema, shared by all requests.
/// </summary>
public sealed partial class EventStore
{
    private static readonly JsonSerializerOptions MetadataJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly EventStoreSql _sql;

    /// <summary>Creates a store over <paramref name="dataSource"/>; call <see cref="MigrateAsync"/> once at start-up.</summary>
    public EventStore(NpgsqlDataSource dataSource, EventStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        DataSource = dataSource;
        Options = options;
        QuotedSchema = SchemaMigrator.QuoteIdentifier(options.Schema);
        _sql = new EventStoreSql(QuotedSchema);
    }

    /// <summary>The connection pool the store uses.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>The store's configuration.</summary>
    public EventStoreOptions Options { get; }

    /// <summary>The schema name, quoted for use in SQL.</summary>
    public string QuotedSchema { get; }

    /// <summary>Applies the store's migrations, then those in <see cref="EventStoreOptions.Migrations"/>; returns those applied now.</summary>
    public Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default) =>
        SchemaMigrator.ApplyAsync(Options.MigrationDataSource ?? DataSource, Options.Schema, [SchemaMigrator.EventStoreMigrations, .. Options.Migrations], cancellationToken);

    /// <summary>Opens a transaction in which appends, stream locks and the caller's own SQL commit together.</summary>
    public async Task<EventStoreTransaction> BeginTransactionAsync(CancellationToken cancellationToken = default)
    {
        var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            return new EventStoreTransaction(this, connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    internal EventStoreSql Sql => _sql;

    internal string SerializeData(object data) => JsonSerializer.Serialize(data, data.GetType(), Options.Json);

    internal static string SerializeMetadata(EventMetadata? metadata) => JsonSerializer.Serialize(metadata ?? EventMetadata.None, MetadataJson);

    internal RecordedEvent ReadEvent(NpgsqlDataReader reader)
    {
        var position = reader.GetInt64(0);
        var typeName = reader.GetString(4);
        return new RecordedEvent(
            position,
            reader.GetGuid(1),
            reader.GetGuid(2),
            reader.GetInt64(3),
            typeName,
            Options.Types.Deserialize(typeName, reader.GetString(5), Options.Json, position),
            JsonSerializer.Deserialize<EventMetadata>(reader.GetString(6), MetadataJson) ?? EventMetadata.None,
            reader.GetFieldValue<DateTimeOffset>(7),
            reader.GetFieldValue<ulong>(8));
    }
}
