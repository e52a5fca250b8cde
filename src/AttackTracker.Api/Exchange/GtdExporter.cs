using System.Text;
using AttackTracker.Api.Incidents;
using AttackTracker.Api.Store;
using AttackTracker.Api.TimeTravel;
using AttackTracker.Domain.Exchange;
using AttackTracker.Domain.Incidents;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace AttackTracker.Api.Exchange;

/// <summary>Which incidents an export holds, and the point it shows them at.</summary>
public sealed record ExportFilter(string? Country, DateOnly? From, DateOnly? To, DateTimeOffset? AsOf, DateTimeOffset? RecordedAsOf);

/// <summary>
/// Writes every incident that passes the filter as one GTD-shaped CSV row, in order of occurrence,
/// a page of <see cref="PageSize"/> incidents at a time: memory stays flat whatever the count.
/// Each incident is read at the point asked for by the same fold as the API's views; each page's
/// reads take an export slot (<see cref="ExportSlots"/>).
/// </summary>
public sealed class GtdExporter(IDocumentStore store, StoreSettings settings, IncidentTimeMachine machine, ExportSlots slots)
{
    public const int PageSize = 500;

    public async Task<int> WriteAsync(Stream output, ExportFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var text = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        var csv = new CsvRecordWriter(text);
        await csv.WriteAsync(GtdCodebook.Columns, cancellationToken);
        var rows = 0;
        var point = new ViewPoint(filter.AsOf, filter.RecordedAsOf, null);
        // The page's database work in an export slot, given back before the rows go out: a client
        // that reads slowly holds no slot (ExportSlots). The next page is read while this one's rows
        // are written, so the database and the CSV work overlap on two cores.
        Task<(List<(Guid Id, DateOnly OccurredOn, long Head)> Page, List<(IncidentView View, IncidentState State)> Incidents)>? next =
            slots.RunAsync(token => ReadAsync(filter, point, null, token), cancellationToken);
        try
        {
            while (next is not null)
            {
                var (page, incidents) = await next;
                next = null;
                if (page.Count == PageSize)
                {
                    var after = (page[^1].OccurredOn, page[^1].Id);
                    next = slots.RunAsync(token => ReadAsync(filter, point, after, token), cancellationToken);
                }

                foreach (var (view, state) in incidents)
                {
                    // Every cell a spreadsheet would run as a formula is guarded, whatever its column (issue 26).
                    await csv.WriteAsync(GtdExport.Row(view, state).Select(GtdCodebook.Escape), cancellationToken);
                    rows++;
                }

                await text.FlushAsync(cancellationToken);
            }

            return rows;
        }
        finally
        {
            // A client gone mid-page leaves the page read ahead in flight: it ends (and gives back
            // its slot) before the export does, its failure being the client's own.
            if (next is not null)
            {
                await next.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    /// <summary>A page of incidents after <paramref name="after"/>, and those to export, each at the point asked for.</summary>
    private async Task<(List<(Guid Id, DateOnly OccurredOn, long Head)> Page, List<(IncidentView View, IncidentState State)> Incidents)> ReadAsync(
        ExportFilter filter, ViewPoint point, (DateOnly OccurredOn, Guid Id)? after, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var page = await PageAsync(session, filter, after, cancellationToken);
        // The current states of a page in one query; a state the inline projection has not
        // caught up (a rebuild running) is folded to its stream's head, as every view is.
        var stored = filter.RecordedAsOf is null
            ? (await session.LoadManyAsync<IncidentState>(cancellationToken, page.Select(p => p.Id))).ToDictionary(s => s.Id)
            : [];
        var incidents = new List<(IncidentView, IncidentState)>(page.Count);
        foreach (var (id, occurredOn, head) in page)
        {
            var state = filter.RecordedAsOf is not null
                ? await machine.StateAsync(session, id, null, filter.RecordedAsOf, cancellationToken) is PastState.Found found ? found.State : null
                : stored.TryGetValue(id, out var current) && current.Version >= head ? current : await IncidentReader.StateAtAsync(session, id, head, cancellationToken);
            if (state is not { Opened: not null })
            {
                continue;
            }

            var view = IncidentViewBuilder.Build(id, state, point);
            // On the publication axis an incident is known once a report on it had appeared.
            if (filter.AsOf is not null && view.ReportCount == 0)
            {
                continue;
            }

            incidents.Add((view, state));
        }

        return (page, incidents);
    }

    private async Task<List<(Guid Id, DateOnly OccurredOn, long Head)>> PageAsync(
        IQuerySession session, ExportFilter filter, (DateOnly OccurredOn, Guid Id)? after, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT l.id, l.occurred_on, s.version FROM "{settings.Schema}".mt_doc_incidentlisting l
            JOIN "{settings.Schema}".mt_streams s ON s.id = l.id
            WHERE ($1::text IS NULL OR l.country = $1)
              AND ($2::date IS NULL OR l.occurred_on >= $2)
              AND ($3::date IS NULL OR l.occurred_on <= $3)
              AND ($4::date IS NULL OR (l.occurred_on, l.id) > ($4, $5))
            ORDER BY l.occurred_on, l.id
            LIMIT {PageSize}
            """);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)filter.Country ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Date, Value = (object?)filter.From ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Date, Value = (object?)filter.To ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Date, Value = (object?)after?.OccurredOn ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = (object?)after?.Id ?? DBNull.Value });
        var page = new List<(Guid, DateOnly, long)>(PageSize);
        await using var reader = await session.ExecuteReaderAsync(command, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add((reader.GetGuid(0), reader.GetFieldValue<DateOnly>(1), reader.GetInt64(2)));
        }

        return page;
    }
}
