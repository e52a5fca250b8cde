using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace AttackTracker.Benchmarks;

/// <summary>
/// The peers' physical table (shared/peers/pgbench/schema.sql) in a schema of its own, and the plain
/// statements the raw baselines send to it: no stream table, no version check but the unique index.
/// </summary>
public sealed class RawEventsTable(string schema)
{
    private readonly ConcurrentDictionary<int, string> _inserts = new();

    public string Schema { get; } = schema;

    public string Table { get; } = $"{Database.Quote(schema)}.events";

    public string Create => $"""
        CREATE SCHEMA {Database.Quote(Schema)};
        CREATE TABLE {Table} (
          seq_id      bigserial   PRIMARY KEY,
          stream_id   uuid        NOT NULL,
          version     int         NOT NULL,
          type        text        NOT NULL,
          data        jsonb       NOT NULL,
          "timestamp" timestamptz NOT NULL DEFAULT now(),
          CONSTRAINT events_stream_version UNIQUE (stream_id, version)
        );
        """;

    /// <summary>Like pgbench/read-dataset.sql: 10,000 streams of 20 events stored interleaved, and one 10,000-event stream spread through them.</summary>
    /// <summary>
    /// The peers' read data set as rows (id, ver, pos): 10,000 streams of 20 events interleaved, and one
    /// stream of 10,000 spread evenly through them. Ordered by pos, it is the insertion order.
    /// </summary>
    public const string ReadDatasetRows = """
        SELECT md5('r/' || s)::uuid AS id, v AS ver, ((v - 1) * 10000 + s)::numeric AS pos
        FROM generate_series(1, 20) AS v, generate_series(0, 9999) AS s
        UNION ALL
        SELECT md5('big')::uuid, k, (k - 1) * 20 + 0.5
        FROM generate_series(1, 10000) AS k
        """;

    public string ReadDataset => $"""
        INSERT INTO {Table} (stream_id, version, type, data)
        SELECT id, ver, '{IncidentNoteAdded.StoredName}', $1::jsonb
        FROM (
          {ReadDatasetRows}
        ) AS x
        ORDER BY pos
        """;

    /// <summary>
    /// read-stream.sql and replay-10k.sql as one statement, as the store reads every stream with one
    /// statement: PostgreSQL then keeps one plan for both, on the baseline's side as on the store's.
    /// </summary>
    public string ReadStream => $"SELECT version, type, data FROM {Table} WHERE stream_id = $1 AND version <= $2 ORDER BY version";

    /// <summary>The global scan of physical.sh, to the client in seq_id order.</summary>
    public string CopyAll => $"COPY (SELECT seq_id, stream_id, version, type, data, \"timestamp\" FROM {Table} ORDER BY seq_id) TO STDOUT";

    /// <summary>One multi-row INSERT of <paramref name="rows"/> events of one stream, each row with its own data.</summary>
    public NpgsqlCommand Insert(NpgsqlDataSource dataSource, int rows, Guid streamId, int firstVersion, string json)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var command = dataSource.CreateCommand(_inserts.GetOrAdd(rows, InsertSql));
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = streamId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = IncidentNoteAdded.StoredName });
        for (var i = 0; i < rows; i++)
        {
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = firstVersion + i });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = json, NpgsqlDbType = NpgsqlDbType.Jsonb });
        }

        return command;
    }

    private string InsertSql(int rows)
    {
        var sql = new StringBuilder($"INSERT INTO {Table} (stream_id, version, type, data) VALUES ");
        for (var i = 0; i < rows; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? string.Empty : ", ")}($1, ${3 + (2 * i)}, $2, ${4 + (2 * i)})");
        }

        return sql.ToString();
    }
}
