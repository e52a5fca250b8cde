using System.Globalization;
using AttackTracker.Api.Store;
using AttackTracker.Domain;
using AttackTracker.Domain.Exchange;
using AttackTracker.Domain.Sources;
using Npgsql;
using NpgsqlTypes;

namespace AttackTracker.Api.Exchange;

/// <summary>What withdrawing the rows an export lacks did: the rows withdrawn, or why it withdrew none.</summary>
public sealed record MissingRowsResult(long Withdrawn, string? NotDone)
{
    public static MissingRowsResult None { get; } = new(0, null);
}

/// <summary>
/// A full export of a versioned data set imported with withdrawMissing (docs/datasets.md): the
/// data set's rows the record holds that the export lacks were deleted upstream, so their facts are
/// withdrawn by the source as of the export's release. Only within what the export covers: its
/// countries, from its first event's day to its last; an export of one country withdraws nothing
/// elsewhere. A record whose key cannot be read might be any row, so an export with one withdraws
/// nothing and says why. Memory stays flat: the export's keys go to a temporary table, the candidates come
/// back as ids, and they are withdrawn a batch at a time. Running it again withdraws nothing more.
/// </summary>
public sealed class MissingRows(ImportFormats formats, NpgsqlDataSource dataSource, StoreSettings settings, WriteUnits units, TimeProvider clock)
{
    /// <summary>Incidents per transaction.</summary>
    public const int BatchIncidents = 100;

    /// <summary>The rows withdrawn (incidents whose versions from the data set no longer count); none when the request asks for none.</summary>
    public async Task<MissingRowsResult> WithdrawAsync(Func<Stream> open, ImportRequest request, WriteOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var format = formats.Find(request.Format);
        if (!request.WithdrawMissing || !format.Versioned || !ReportedTime.TryParse(request.Release, out var release))
        {
            return MissingRowsResult.None;
        }

        var (candidates, scope, unreadable) = await CandidatesAsync(open, format, request, cancellationToken);
        if (unreadable is { } line)
        {
            return new MissingRowsResult(0, $"Rows missing from the export were not withdrawn: the key of the record on line {line.ToString(CultureInfo.InvariantCulture)} cannot be read, so any row might be it.");
        }

        var reason = $"Not in {request.Source}'s export of {request.Release}, which covers {scope}: the data set no longer has the event.";
        var withdrawn = 0L;
        foreach (var batch in candidates.Chunk(BatchIncidents))
        {
            var now = clock.GetUtcNow();
            await using var unit = await units.BeginAsync(origin, new WriteLoad(batch, []), cancellationToken);
            foreach (var id in batch)
            {
                if (unit.Incident(id) is { Exists: true, IsIncident: true } incident
                    && ImportWriter.Withdraw(unit, id, ReportVersions.Missing(incident.State, request.Source, release.Start, reason), now) > 0)
                {
                    withdrawn++;
                }
            }

            await unit.CommitAsync(cancellationToken);
        }

        return new MissingRowsResult(withdrawn, null);
    }

    /// <summary>The incidents in the export's countries and days that hold a report of the source and are not in the export.</summary>
    private async Task<(List<Guid> Candidates, string Scope, int? Unreadable)> CandidatesAsync(Func<Stream> open, ImportFormat format, ImportRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE import_export_keys (id uuid) ON COMMIT DROP", connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var countries = new HashSet<string>(StringComparer.Ordinal);
        DateOnly? first = null, last = null;
        int? unreadable = null;
        await using (var copy = await connection.BeginBinaryImportAsync("COPY import_export_keys (id) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            await foreach (var (line, row) in CoverageAsync(open, format, request.Charset, cancellationToken))
            {
                if (row is null)
                {
                    unreadable ??= line;
                    continue;
                }

                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(row.IncidentId, NpgsqlDbType.Uuid, cancellationToken);
                if (row.Country is { } country && row.Date is { } day)
                {
                    countries.Add(country);
                    first = first is null || day < first ? day : first;
                    last = last is null || day > last ? day : last;
                }
            }

            await copy.CompleteAsync(cancellationToken);
        }

        if (countries.Count == 0 || unreadable is not null)
        {
            return ([], string.Empty, unreadable);
        }

        await using var find = new NpgsqlCommand(
            $"""
            SELECT l.id FROM "{settings.Schema}".mt_doc_incidentlisting l JOIN "{settings.Schema}".mt_doc_incidentstate s ON s.id = l.id
            WHERE l.country = ANY($1) AND l.occurred_on BETWEEN $2 AND $3
              AND NOT EXISTS (SELECT 1 FROM import_export_keys k WHERE k.id = l.id)
              AND s.data -> 'reports' @> jsonb_build_array(jsonb_build_object('source', jsonb_build_object('id', $4::text)))
            ORDER BY l.id
            """,
            connection,
            transaction);
        find.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. countries] });
        find.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = first!.Value });
        find.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = last!.Value });
        find.Parameters.Add(new NpgsqlParameter<string> { TypedValue = SourceNames.IdFor(request.Source).ToString() });
        var candidates = new List<Guid>();
        await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                candidates.Add(reader.GetGuid(0));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        var scope = string.Create(CultureInfo.InvariantCulture, $"{string.Join(", ", countries.Order(StringComparer.Ordinal))} from {first:yyyy-MM-dd} to {last:yyyy-MM-dd}");
        return (candidates, scope, null);
    }

    /// <summary>Every record of the file, valid or not (a row refused for one cell is still in the export): what it covers, or null when its key cannot be read.</summary>
    private static async IAsyncEnumerable<(int Line, RowCoverage? Row)> CoverageAsync(
        Func<Stream> open, ImportFormat format, TextCharset charset, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var bytes = open();
        using var text = TextDecoding.Open(bytes, charset);
        var reader = new CsvRecordReader(text);
        CsvHeader? header = null;
        int? unreadable = null;
        while (true)
        {
            CsvRecord? record;
            try
            {
                record = await reader.ReadAsync(cancellationToken);
            }
            catch (CsvReadException ex) when (ex.Recoverable)
            {
                unreadable = ex.Problem.Line;
                record = null;
            }

            if (unreadable is { } line)
            {
                unreadable = null;
                yield return (line, null);
                continue;
            }

            if (record is null)
            {
                yield break;
            }

            if (header is null)
            {
                header = CsvHeader.Read(record, out _);
                if (header is null)
                {
                    yield break;
                }

                continue;
            }

            yield return (record.Line, format.Coverage(header.Cells(record)));
        }
    }
}
