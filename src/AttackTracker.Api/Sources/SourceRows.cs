using AttackTracker.EventStore;
using AttackTracker.Incidents.Reports;
using AttackTracker.Incidents.Sources;
using Npgsql;

namespace AttackTracker.Api.Sources;

/// <summary>The sources list and the report index, kept inline. Both are idempotent per event.</summary>
public sealed class SourceRows(string schema) : IInlineProjection
{
    private readonly string _register = $"""
        INSERT INTO {schema}.sources (id, name, normalized_name, kind, reliability, url, registered_at, version)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING
        """;
    private readonly string _grade = $"UPDATE {schema}.sources SET kind = $2, reliability = $3, version = $4 WHERE id = $1 AND version < $4";
    private readonly string _report = $"""
        INSERT INTO {schema}.reports (id, incident_id, source_id, published_at, version)
        VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING
        """;
    private readonly string _find = $"SELECT id, name, kind, reliability FROM {schema}.sources WHERE id = $1";

    public Task ApplyAsync(EventStoreTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events)
        {
            if (Command(e) is { } command)
            {
                transaction.Batch.BatchCommands.Add(command);
            }
        }

        return Task.CompletedTask;
    }

    public NpgsqlBatchCommand? Command(RecordedEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        NpgsqlBatchCommand command;
        switch (e.Data)
        {
            case SourceRegistered r:
                command = new NpgsqlBatchCommand(_register);
                command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = r.SourceId });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = r.Name });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = SourceNames.Normalize(r.Name) });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = r.Kind.ToString() });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = r.Reliability.ToString() });
                command.Parameters.Add(new NpgsqlParameter { Value = (object?)r.Url ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = e.RecordedAt });
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = e.Version });
                return command;
            case SourceGraded g:
                command = new NpgsqlBatchCommand(_grade);
                command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = g.SourceId });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = g.Kind.ToString() });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = g.Reliability.ToString() });
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = e.Version });
                return command;
            case ReportSubmitted s:
                command = new NpgsqlBatchCommand(_report);
                command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = s.ReportId });
                command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = e.StreamId });
                command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = s.Source.Id });
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = s.PublishedAt });
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = e.Version });
                return command;
            default:
                return null;
        }
    }

    /// <summary>The source as registered so far, read inside the writer's transaction.</summary>
    public async Task<SourceRef?> FindAsync(EventStoreTransaction transaction, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        await using var command = transaction.CreateCommand(_find);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new SourceRef(reader.GetGuid(0), reader.GetString(1), Enum.Parse<SourceKind>(reader.GetString(2)), Enum.Parse<Reliability>(reader.GetString(3)))
            : null;
    }
}
