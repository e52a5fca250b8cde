using System.Text.Json;

namespace AttackTracker.EventStore;

/// <summary>Configures an <see cref="EventStore"/>.</summary>
public sealed class EventStoreOptions
{
    /// <summary>The PostgreSQL schema that holds the store's tables. Tests use one per class.</summary>
    public string Schema { get; set; } = "attacktracker";

    /// <summary>The stable names of the event types this store reads and writes.</summary>
    public EventTypeRegistry Types { get; } = new();

    /// <summary>Serializer settings for event data and metadata.</summary>
    public JsonSerializerOptions Json { get; set; } = new(JsonSerializerDefaults.Web);

    /// <summary>Projections applied in the same transaction as every append.</summary>
    public IList<IInlineProjection> InlineProjections { get; } = [];

    /// <summary>
    /// The connection pool migrations run on, when the service itself connects as a role that may
    /// not create or alter tables; null to migrate through the store's own data source.
    /// </summary>
    public Npgsql.NpgsqlDataSource? MigrationDataSource { get; set; }

    /// <summary>Further migrations (for example projection tables) applied after the store's own.</summary>
    public IList<MigrationSource> Migrations { get; } = [];
}
