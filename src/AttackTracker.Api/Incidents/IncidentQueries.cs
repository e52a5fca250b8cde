using AttackTracker.Incidents.Incidents;
using AttackTracker.Incidents.Sources;
using Npgsql;

namespace AttackTracker.Api.Incidents;

public sealed record IncidentSummary(
    Guid Id, string? Title, DateOnly? OccurredOn, string? Country, int? KilledBest, int? WoundedBest, int ReportCount, long Version);

public sealed record IncidentPage(IReadOnlyList<IncidentSummary> Items, int Page, int PageSize, long Total);

public sealed record StoredView(string Json, long Version);

public sealed record IncidentFilter(string? Country, DateOnly? From, DateOnly? To, string? Query, int Page, int PageSize);

public sealed class IncidentQueries(NpgsqlDataSource dataSource, string schema, IncidentRows rows)
{
    public async Task<StoredView?> ViewAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT view::text, version FROM {schema}.incidents WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new StoredView(reader.GetString(0), reader.GetInt64(1)) : null;
    }

    public async Task<IncidentState?> StateAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await rows.LoadStateAsync(connection, null, id, cancellationToken);
    }

    public async Task<IncidentPage> ListAsync(IncidentFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        const string where = """
            WHERE ($1::text IS NULL OR country = $1)
              AND ($2::date IS NULL OR occurred_on >= $2)
              AND ($3::date IS NULL OR occurred_on <= $3)
              AND ($4::text IS NULL OR search_text LIKE '%' || $4 || '%')
            """;
        await using var batch = dataSource.CreateBatch();
        var list = new NpgsqlBatchCommand($"""
            SELECT id, title, occurred_on, country, killed_best, wounded_best, report_count, version
            FROM {schema}.incidents {where}
            ORDER BY occurred_on DESC NULLS LAST, id DESC
            LIMIT $5 OFFSET $6
            """);
        var count = new NpgsqlBatchCommand($"SELECT count(*) FROM {schema}.incidents {where}");
        foreach (var command in new[] { list, count })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Country ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.From ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.To ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
            command.Parameters.Add(new NpgsqlParameter
            {
                Value = filter.Query is null ? DBNull.Value : EscapeLike(SourceNames.Normalize(filter.Query)),
                NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text,
            });
            batch.BatchCommands.Add(command);
        }

        list.Parameters.Add(new NpgsqlParameter<int> { TypedValue = filter.PageSize });
        list.Parameters.Add(new NpgsqlParameter<int> { TypedValue = (filter.Page - 1) * filter.PageSize });
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var items = new List<IncidentSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new IncidentSummary(
                reader.GetGuid(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateOnly>(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetInt32(5),
                reader.GetInt32(6),
                reader.GetInt64(7)));
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new IncidentPage(items, filter.Page, filter.PageSize, reader.GetInt64(0));
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
