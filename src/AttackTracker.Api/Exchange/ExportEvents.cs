using AttackTracker.Api.Keys;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Exchange;

public static class ExportEventsEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<string>(StatusCodes.Status200OK, "application/jsonl")
            .WithTags("Data exchange")
            .WithSummary("The event log as JSON Lines: every event in global order with its metadata and hash-chain link, then each incident's view digest (docs/export.md).");
    }

    [WolverineGet("/api/export/events.jsonl", OperationId = "exportEvents")]
    [Authorize(Policy = SecuritySetup.ReadPolicy)]
    public static IResult Get(HttpContext http, ArchiveExporter archive, ExportSlots slots)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(slots);
        return slots.Stream(http, archive.ExportAsync, "application/jsonl; charset=utf-8", "attacktracker-events.jsonl");
    }
}
