using System.Globalization;
using System.Text.Json;
using AttackTracker.Api.Http;
using AttackTracker.Api.Incidents;
using AttackTracker.Api.Keys;
using AttackTracker.Api.Store;
using AttackTracker.Domain;
using AttackTracker.Domain.Incidents;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Npgsql;
using Wolverine.Http;

namespace AttackTracker.Api.TimeTravel;

public sealed record EventView(
    long Position,
    long Version,
    string Type,
    ulong TransactionId,
    DateTimeOffset RecordedAt,
    string RecordedBy,
    string? CorrelationId,
    string? CausationId,
    Guid? ReportId,
    Guid? SourceId,
    string? Source,
    DateTimeOffset? PublishedAt,
    IReadOnlyDictionary<string, string>? Headers,
    object Data);

public sealed record EventPage(IReadOnlyList<EventView> Items, long? NextFromVersion);

public static class GetEventsEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<EventPage>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Time travel and audit")
            .WithSummary("The raw stream with full metadata, paginated by version.")
            .WithQuery(
                [new QueryParameter("fromVersion", QueryValue.Whole, "The first version to return (default 1).", 1, int.MaxValue)],
                [new QueryParameter("limit", QueryValue.Whole, $"Events per page, 1 to {Paging.MaxPageSize} (default 50).", 1, Paging.MaxPageSize)]);
    }

    [WolverineGet("/api/incidents/{id}/events", OperationId = "getEvents")]
    [Authorize(Policy = SecuritySetup.ReadPolicy)]
    public static async Task<IResult> Get(
        Guid id, string? fromVersion, string? limit, IQuerySession session, IncidentReader reader, StoreSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new ValidationErrors();
        var first = Paging.Whole("fromVersion", fromVersion, 1, int.MaxValue, "must be 1 or more.", errors) ?? 1;
        var size = Paging.Whole("limit", limit, 1, Paging.MaxPageSize, $"must be 1 to {Paging.MaxPageSize}.", errors) ?? 50;
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var state = await reader.StateAsync(session, id, cancellationToken);
        if (state is null)
        {
            return Problems.NotFound($"Incident {id}");
        }

        var sources = state.Reports.ToDictionary(r => r.ReportId, r => r.Source);
        var events = await session.Events.FetchStreamAsync(id, version: first + size, fromVersion: first, token: cancellationToken);
        var stored = await StoredAsync(session, settings, id, first, first + size, cancellationToken);
        var items = events.Take(size).Select(e =>
        {
            var (transaction, headers) = stored.GetValueOrDefault(e.Version);
            var reportId = headers is not null && headers.TryGetValue("reportId", out var r) && Guid.TryParse(r, out var rid) ? rid : (Guid?)null;
            var published = headers is not null && headers.TryGetValue("publishedAt", out var p)
                && DateTimeOffset.TryParse(p, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : (DateTimeOffset?)null;
            var source = reportId is { } known && sources.TryGetValue(known, out var s) ? s : null;
            return new EventView(
                e.Sequence, e.Version, e.EventTypeName, transaction, e.Timestamp, e.UserName ?? IncidentFold.Anonymous,
                e.CorrelationId, e.CausationId, reportId, source?.Id, source?.Name, published, headers, e.Data);
        }).ToList();
        return TypedResults.Ok(new EventPage(items, events.Count > size ? first + size : null));
    }

    /// <summary>
    /// Each version's writing transaction (from its hash-chain link) and its headers as stored.
    /// Marten reads headers back as objects and turns date-like strings into dates; the API gives
    /// them exactly as they were written.
    /// </summary>
    private static async Task<Dictionary<long, (ulong Transaction, IReadOnlyDictionary<string, string>? Headers)>> StoredAsync(
        IQuerySession session, StoreSettings settings, Guid id, long from, long to, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT e.version, h.tx_id::text, e.headers::text
            FROM "{settings.Schema}".mt_events e LEFT JOIN "{settings.Schema}".event_hashes h ON h.stream_id = e.stream_id AND h.version = e.version
            WHERE e.stream_id = $1 AND e.version BETWEEN $2 AND $3
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = from });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = to });
        await using var reader = await session.ExecuteReaderAsync(command, cancellationToken);
        var stored = new Dictionary<long, (ulong, IReadOnlyDictionary<string, string>?)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var transaction = reader.IsDBNull(1) ? 0 : ulong.Parse(reader.GetString(1), CultureInfo.InvariantCulture);
            stored[reader.GetInt64(0)] = (transaction, reader.IsDBNull(2) ? null : Headers(reader.GetString(2)));
        }

        return stored;
    }

    private static Dictionary<string, string>? Headers(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind != JsonValueKind.Object
            ? null
            : document.RootElement.EnumerateObject().ToDictionary(
                p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? string.Empty : p.Value.GetRawText());
    }
}
