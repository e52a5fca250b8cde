using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Api.Store;
using AttackTracker.Domain;
using Microsoft.AspNetCore.Authorization;
using Npgsql;
using Wolverine.Http;

namespace AttackTracker.Api.Admin;

/// <summary>
/// An event an async projection could not apply (a poison event): the daemon recorded it as a
/// dead letter, skipped it and went on. Which projection, the event (its sequence number,
/// incident, version and type), and the failure.
/// </summary>
public sealed record ProjectionFailure(
    Guid Id, string Projection, string Shard, long Sequence, Guid? IncidentId, long? Version, string? EventType, string ExceptionType, string Message, DateTimeOffset RecordedAt);

public sealed record ProjectionFailurePage(IReadOnlyList<ProjectionFailure> Items, int Page, int PageSize, long Total);

public static class ListProjectionFailuresEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<ProjectionFailurePage>().ProducesValidationProblem()
            .WithTags("Admin")
            .WithSummary("Events an async projection could not apply (poison events), which the daemon recorded and skipped, newest first.")
            .WithQuery(OpenApiMetadata.Pages(50));
    }

    [WolverineGet("/api/admin/projection-failures", OperationId = "listProjectionFailures")]
    [Authorize(Policy = SecuritySetup.EditPolicy)]
    public static async Task<IResult> List(NpgsqlDataSource dataSource, StoreSettings settings, string? page, string? pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new ValidationErrors();
        var (number, size) = Paging.Read(page, pageSize, 50, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        await using var command = dataSource.CreateCommand($"""
            SELECT d.id, d.data->>'projectionName', d.data->>'shardName', (d.data->>'eventSequence')::bigint, e.stream_id, e.version, e.type,
                   d.data->>'exceptionType', d.data->>'exceptionMessage', (d.data->>'timestamp')::timestamptz, count(*) OVER ()
            FROM "{settings.Schema}".mt_doc_deadletterevent d
            LEFT JOIN "{settings.Schema}".mt_events e ON e.seq_id = (d.data->>'eventSequence')::bigint
            ORDER BY (d.data->>'eventSequence')::bigint DESC, d.id
            LIMIT $1 OFFSET $2
            """);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = size });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (long)(number - 1) * size });
        var items = new List<ProjectionFailure>();
        long total = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                total = reader.GetInt64(10);
                items.Add(new ProjectionFailure(
                    reader.GetGuid(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetInt64(3),
                    reader.IsDBNull(4) ? null : reader.GetGuid(4),
                    reader.IsDBNull(5) ? null : reader.GetInt64(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.IsDBNull(7) ? "" : reader.GetString(7),
                    reader.IsDBNull(8) ? "" : reader.GetString(8),
                    reader.IsDBNull(9) ? DateTimeOffset.MinValue : reader.GetFieldValue<DateTimeOffset>(9)));
            }
        }

        if (items.Count == 0 && number > 1)
        {
            await using var count = dataSource.CreateCommand($"""SELECT count(*) FROM "{settings.Schema}".mt_doc_deadletterevent""");
            total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        return TypedResults.Ok(new ProjectionFailurePage(items, number, size, total));
    }
}
