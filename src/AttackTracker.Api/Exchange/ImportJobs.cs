using System.Text.Json;
using AttackTracker.Api.Store;
using AttackTracker.Domain.Exchange;
using Marten;
using Npgsql;

namespace AttackTracker.Api.Exchange;

/// <summary>An import job as the API shows it (GET /api/import/jobs/{id}).</summary>
public sealed record ImportJobView(
    Guid Id,
    string Format,
    string Source,
    string Release,
    string Mode,
    string Charset,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    string State,
    long Bytes,
    long? Rows,
    long RowsRead,
    long Imported,
    long Unchanged,
    long Rejected,
    double? RowsPerSecond,
    double? SecondsLeft,
    int Runs,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error)
{
    public string Rejections => $"/api/import/jobs/{Id}/rejections";
}

/// <summary>A job the runner took, with the lines its earlier runs committed.</summary>
public sealed record ClaimedJob(Guid Id, ImportRequest Request, string SubmittedBy, IReadOnlyList<LineRange> Committed, ImportCounts Counts);

/// <summary>
/// Import jobs in the database: created while the upload is spooled into chunks, queued, claimed by
/// one runner at a time (a session advisory lock per job, so a job whose runner died is free again at
/// once), their progress committed with each batch of rows, and their rejections paged.
/// </summary>
public sealed class ImportJobs(NpgsqlDataSource dataSource, StoreSettings settings)
{
    public const string Uploading = "uploading";
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    /// <summary>Bytes per spooled chunk.</summary>
    public const int ChunkSize = 1024 * 1024;

    private readonly string _s = $"\"{settings.Schema}\"";

    public static string LockName(Guid id) => $"attacktracker:import:{id}";

    public async Task CreateAsync(Guid id, ImportRequest request, string submittedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await ExecuteAsync(
            $"INSERT INTO {_s}.import_jobs (id, format, source, release, mode, charset, submitted_by, state) VALUES ($1, $2, $3, $4, $5, $6, $7, '{Uploading}')",
            cancellationToken, id, request.Format, request.Source, request.Release, Mode(request.Mode), TextDecoding.Name(request.Charset), submittedBy);
    }

    public Task AppendChunkAsync(Guid id, int seq, ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        ExecuteAsync($"INSERT INTO {_s}.import_job_chunks (job_id, seq, data) VALUES ($1, $2, $3)", cancellationToken, id, seq, data.ToArray());

    /// <summary>The upload is whole and readable: the job waits for a runner.</summary>
    public Task QueueAsync(Guid id, long bytes, long rows, CancellationToken cancellationToken) =>
        ExecuteAsync($"UPDATE {_s}.import_jobs SET state = '{Queued}', bytes = $2, rows_total = $3 WHERE id = $1", cancellationToken, id, bytes, rows);

    /// <summary>A refused or abandoned upload leaves nothing behind.</summary>
    public Task DeleteAsync(Guid id) =>
        ExecuteAsync($"DELETE FROM {_s}.import_jobs WHERE id = $1", CancellationToken.None, id);

    /// <summary>The spooled file, chunk by chunk, as one stream.</summary>
    public Stream Open(Guid id) => new ChunkStream(dataSource, _s, id);

    /// <summary>
    /// Takes the job for this runner when no other holds it: queued, or running with its runner gone.
    /// The lock lives on <paramref name="connection"/> until it is closed or the job is released.
    /// </summary>
    public async Task<ClaimedJob?> TryClaimAsync(NpgsqlConnection connection, Guid? only, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var candidates = new List<Guid>();
        await using (var find = new NpgsqlCommand(
            $"SELECT id FROM {_s}.import_jobs WHERE state IN ('{Queued}', '{Running}') AND ($1::uuid IS NULL OR id = $1) ORDER BY submitted_at LIMIT 20", connection))
        {
            find.Parameters.Add(new NpgsqlParameter { Value = (object?)only ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                candidates.Add(reader.GetGuid(0));
            }
        }

        foreach (var id in candidates)
        {
            await using (var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended($1, 0))", connection))
            {
                take.Parameters.Add(new NpgsqlParameter<string> { TypedValue = LockName(id) });
                if (await take.ExecuteScalarAsync(cancellationToken) is not true)
                {
                    continue;
                }
            }

            await using var claim = new NpgsqlCommand($"""
                UPDATE {_s}.import_jobs SET state = '{Running}', runs = runs + 1, started_at = coalesce(started_at, now()),
                    run_started_at = now(), run_rows_read = 0, heartbeat_at = now()
                WHERE id = $1 AND state IN ('{Queued}', '{Running}')
                RETURNING format, source, release, mode, charset, submitted_by, rows_read, imported, unchanged, rejected,
                    (SELECT coalesce(array_agg(b.first_line ORDER BY b.first_line), ARRAY[]::int[]) FROM {_s}.import_job_batches b WHERE b.job_id = $1),
                    (SELECT coalesce(array_agg(b.last_line ORDER BY b.first_line), ARRAY[]::int[]) FROM {_s}.import_job_batches b WHERE b.job_id = $1)
                """, connection);
            claim.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            await using var row = await claim.ExecuteReaderAsync(cancellationToken);
            if (await row.ReadAsync(cancellationToken))
            {
                // Stored from a parsed charset when the job was created.
                _ = TextDecoding.TryParse(row.GetString(4), out var charset);
                var request = new ImportRequest(row.GetString(0), row.GetString(1), row.GetString(2), row.GetString(3) == "all" ? ImportMode.All : ImportMode.Rows, charset);
                var firsts = row.GetFieldValue<int[]>(10);
                var lasts = row.GetFieldValue<int[]>(11);
                return new ClaimedJob(
                    id, request, row.GetString(5), [.. firsts.Zip(lasts, (first, last) => new LineRange(first, last))],
                    new ImportCounts(row.GetInt64(6), row.GetInt64(7), row.GetInt64(8), row.GetInt64(9)));
            }

            await row.DisposeAsync();
            await ReleaseAsync(connection, id);
        }

        return null;
    }

    public static async Task ReleaseAsync(NpgsqlConnection connection, Guid id)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended($1, 0))", connection);
        release.Parameters.Add(new NpgsqlParameter<string> { TypedValue = LockName(id) });
        await release.ExecuteNonQueryAsync();
    }

    /// <summary>Queues the batch's progress, the lines it covered and its rejections into the transaction that writes its rows.</summary>
    public void QueueProgress(IDocumentSession session, Guid id, ImportCounts delta, LineRange lines, IReadOnlyList<GtdRowError> rejected)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(delta);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(rejected);
        session.QueueSqlCommand(
            $"""
            UPDATE {_s}.import_jobs SET rows_read = rows_read + ?, imported = imported + ?, unchanged = unchanged + ?, rejected = rejected + ?,
                run_rows_read = run_rows_read + ?, heartbeat_at = now()
            WHERE id = ?
            """,
            delta.RowsRead, delta.Imported, delta.Unchanged, delta.Rejected, delta.RowsRead, id);
        session.QueueSqlCommand($"INSERT INTO {_s}.import_job_batches (job_id, first_line, last_line) VALUES (?, ?, ?)", id, lines.First, lines.Last);
        if (rejected.Count > 0)
        {
            var rows = JsonSerializer.Serialize(rejected.Select(e => new { line = e.Line, column_name = e.Column, message = e.Message }));
            session.QueueSqlCommand(
                $"""
                INSERT INTO {_s}.import_job_rejections (job_id, line, column_name, message)
                SELECT ?, r.line, r.column_name, r.message FROM jsonb_to_recordset(?::jsonb) AS r(line int, column_name text, message text)
                """,
                id, rows);
        }
    }

    public async Task<string?> StateAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT state FROM {_s}.import_jobs WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>Ends a run: the job's final state; the spooled file goes once the job is done with.</summary>
    public async Task FinishAsync(Guid id, string state, string? error, IReadOnlyList<GtdRowError>? refused = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var finish = new NpgsqlCommand(
            $"UPDATE {_s}.import_jobs SET state = $2, error = $3, finished_at = now(), heartbeat_at = now(), rejected = rejected + $4 WHERE id = $1 AND state <> '{Cancelled}'", connection, transaction))
        {
            finish.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            finish.Parameters.Add(new NpgsqlParameter<string> { TypedValue = state });
            finish.Parameters.Add(new NpgsqlParameter { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            finish.Parameters.Add(new NpgsqlParameter<long> { TypedValue = refused?.Select(e => e.Line).Distinct().Count() ?? 0 });
            await finish.ExecuteNonQueryAsync();
        }

        if (refused is { Count: > 0 })
        {
            await using var insert = new NpgsqlCommand(
                $"""
                INSERT INTO {_s}.import_job_rejections (job_id, line, column_name, message)
                SELECT $1, r.line, r.column_name, r.message FROM jsonb_to_recordset($2::jsonb) AS r(line int, column_name text, message text)
                """, connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(refused.Select(e => new { line = e.Line, column_name = e.Column, message = e.Message })), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb });
            await insert.ExecuteNonQueryAsync();
        }

        await using (var drop = new NpgsqlCommand($"DELETE FROM {_s}.import_job_chunks WHERE job_id = $1", connection, transaction))
        {
            drop.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            await drop.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    /// <summary>Stops a queued or running job after its current batch; what it committed stays. False when there is no such job still going.</summary>
    public async Task<bool> CancelAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"UPDATE {_s}.import_jobs SET state = '{Cancelled}', finished_at = now() WHERE id = $1 AND state IN ('{Queued}', '{Running}')");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<ImportJobView?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        await ListAsync(id, 0, 1, cancellationToken) is [var job] ? job : null;

    /// <summary>Jobs newest first, or the one job with <paramref name="id"/>.</summary>
    public async Task<IReadOnlyList<ImportJobView>> ListAsync(Guid? id, int offset, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT id, format, source, release, mode, charset, submitted_by, submitted_at, state, bytes, rows_total, rows_read, imported, unchanged, rejected,
                   run_rows_read, extract(epoch FROM (coalesce(finished_at, now()) - run_started_at)), runs, started_at, finished_at, error
            FROM {_s}.import_jobs WHERE state <> '{Uploading}' AND ($1::uuid IS NULL OR id = $1)
            ORDER BY submitted_at DESC, id OFFSET $2 LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)id ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = offset });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var jobs = new List<ImportJobView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            long? total = reader.IsDBNull(10) ? null : reader.GetInt64(10);
            var state = reader.GetString(8);
            double? rate = reader.IsDBNull(16) || reader.GetDouble(16) <= 0 ? null : Math.Round(reader.GetInt64(15) / reader.GetDouble(16), 1);
            double? left = state == Running && rate is > 0 && total is { } t ? Math.Round(Math.Max(0, t - reader.GetInt64(11)) / rate.Value, 1) : null;
            jobs.Add(new ImportJobView(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6),
                reader.GetFieldValue<DateTimeOffset>(7), state, reader.GetInt64(9), total, reader.GetInt64(11), reader.GetInt64(12), reader.GetInt64(13),
                reader.GetInt64(14), rate, left, reader.GetInt32(17),
                reader.IsDBNull(18) ? null : reader.GetFieldValue<DateTimeOffset>(18), reader.IsDBNull(19) ? null : reader.GetFieldValue<DateTimeOffset>(19),
                reader.IsDBNull(20) ? null : reader.GetString(20)));
        }

        return jobs;
    }

    /// <summary>A page of a job's rejections, in line order.</summary>
    public async Task<IReadOnlyList<GtdRowError>> RejectionsAsync(Guid id, int offset, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT line, column_name, message FROM {_s}.import_job_rejections WHERE job_id = $1 ORDER BY line, ordinal OFFSET $2 LIMIT $3");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = offset });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var page = new List<GtdRowError>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add(new GtdRowError(reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
        }

        return page;
    }

    public static string Mode(ImportMode mode) => mode == ImportMode.All ? "all" : "rows";

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
