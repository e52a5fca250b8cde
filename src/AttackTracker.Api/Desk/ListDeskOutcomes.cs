using System.Text.Json;
using AttackTracker.Api.Keys;
using AttackTracker.Api.Store;
using AttackTracker.Domain;
using AttackTracker.Domain.Desk;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Npgsql;
using Wolverine.Http;

namespace AttackTracker.Api.Desk;

/// <summary>What became of one kind of suggestion across every report made at the desk.</summary>
public sealed record DeskKindOutcomes(SuggestionKind Kind, long Accepted, long Edited, long Rejected, long Added);

/// <summary>The desk's record: how many reports it made, and per kind of fact how the suggestions fared and how many facts were added by hand.</summary>
public sealed record DeskOutcomes(long Reports, IReadOnlyList<DeskKindOutcomes> Kinds);

public static class ListDeskOutcomesEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<DeskOutcomes>()
            .WithTags("Documents")
            .WithSummary("Per kind of fact, how many of the desk's suggestions were accepted as is, edited or rejected, and how many facts were added by hand.");
    }

    [WolverineGet("/api/desk/outcomes", OperationId = "listDeskOutcomes")]
    [Authorize(Policy = SecuritySetup.EditPolicy)]
    public static async Task<IResult> List(IQuerySession session, StoreSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(settings);
        // Read from the reports' events themselves (ReportSubmitted.Desk), where the outcomes are kept with the report.
        await using var command = new NpgsqlCommand($"""
            SELECT o->>'kind', o->>'outcome', count(*)
            FROM "{settings.Schema}".mt_events e, jsonb_array_elements(e.data->'desk'->'outcomes') o
            WHERE e.type = 'report_submitted' AND e.data->'desk' IS NOT NULL
            GROUP BY 1, 2;
            SELECT count(*) FROM "{settings.Schema}".mt_events WHERE type = 'report_submitted' AND data->'desk' IS NOT NULL
            """);
        var counts = new SortedDictionary<SuggestionKind, long[]>();
        long reports;
        await using (var reader = await session.ExecuteReaderAsync(command, cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var kind = JsonSerializer.Deserialize<SuggestionKind>($"\"{reader.GetString(0)}\"", IncidentJson.Options);
                var outcome = JsonSerializer.Deserialize<DeskOutcome>($"\"{reader.GetString(1)}\"", IncidentJson.Options);
                if (!counts.TryGetValue(kind, out var row))
                {
                    counts[kind] = row = new long[4];
                }

                row[(int)outcome] += reader.GetInt64(2);
            }

            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            reports = reader.GetInt64(0);
        }

        return TypedResults.Ok(new DeskOutcomes(reports, [.. counts.Select(c => new DeskKindOutcomes(c.Key, c.Value[0], c.Value[1], c.Value[2], c.Value[3]))]));
    }
}
