using AttackTracker.Api.Http;
using AttackTracker.Api.Incidents;
using AttackTracker.Api.Keys;
using AttackTracker.Api.Store;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Npgsql;
using Wolverine.Http;

namespace AttackTracker.Api.TimeTravel;

/// <summary>The result of recomputing a stream's hash chain: how many events from version 1 matched, and the first that does not.</summary>
public sealed record StreamIntegrity(Guid StreamId, long EventsChecked, long? FirstBrokenVersion, string? Problem)
{
    public bool Intact => FirstBrokenVersion is null;
}

public static class CheckIntegrityEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<StreamIntegrity>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Time travel and audit")
            .WithSummary("Recomputes the stream's SHA-256 hash chain and reports the first broken link.");
    }

    [WolverineGet("/api/incidents/{id}/integrity", OperationId = "checkIntegrity")]
    [Authorize(Policy = SecuritySetup.ReadPolicy)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, IncidentReader reader, StoreSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (await reader.VersionAsync(session, id, cancellationToken) is null)
        {
            return Problems.NotFound($"Incident {id}");
        }

        return TypedResults.Ok(await VerifyAsync(session, settings, id, cancellationToken));
    }

    /// <summary>Runs verify_stream (Store/Sql/0002) in the database.</summary>
    public static async Task<StreamIntegrity> VerifyAsync(IQuerySession session, StoreSettings settings, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(settings);
        await using var command = new NpgsqlCommand($"""SELECT o_checked, o_broken_version, o_problem FROM "{settings.Schema}".verify_stream($1)""");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        await using var result = await session.ExecuteReaderAsync(command, cancellationToken);
        await result.ReadAsync(cancellationToken);
        return new StreamIntegrity(id, result.GetInt64(0), result.IsDBNull(1) ? null : result.GetInt64(1), result.IsDBNull(2) ? null : result.GetString(2));
    }
}
