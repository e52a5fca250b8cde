using AttackTracker.Api.Store;
using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Sources;
using Marten;
using Npgsql;

namespace AttackTracker.Api.Sources;

/// <summary>The source a report names, and the registration or regrade it needs, if any.</summary>
public sealed record ResolvedSource(SourceRef Ref, object? Change, SourceView? Existing);

/// <summary>
/// Registers a source the first time a report names it, and regrades it when a report grades it
/// differently, in the report's transaction. Sources are streams of their own, so the incident's
/// lock does not cover them: a change takes the source's own transaction-scoped lock and decides
/// again on what is committed then, so two reports naming a new source at once register it once.
/// Reports that change nothing take no lock.
/// </summary>
public sealed class SourceRegistry
{
    private const string Lock = "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))";

    public async Task<ResolvedSource> ResolveAsync(IDocumentSession session, SourceRequest requested, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(requested);
        var id = SourceNames.IdFor(requested.Name!);
        var existing = await session.LoadAsync<SourceView>(id, cancellationToken);
        var (source, change) = SourceDecision.Decide(requested, existing?.Ref, requested.Url);
        if (change is null)
        {
            return new ResolvedSource(source, null, existing);
        }

        await using (var command = new NpgsqlCommand(Lock))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"attacktracker:source:{id}" });
            await using var reader = await session.ExecuteReaderAsync(command, cancellationToken);
        }

        existing = await session.LoadAsync<SourceView>(id, cancellationToken);
        (source, change) = SourceDecision.Decide(requested, existing?.Ref, requested.Url);
        return new ResolvedSource(source, change, existing);
    }

    /// <summary>Appends the registration or regrade, recorded with the report's commit.</summary>
    public static void Append(IDocumentSession session, ResolvedSource source, Guid reportId, DateTimeOffset recordedAt)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(source);
        if (source.Change is null)
        {
            return;
        }

        var e = session.Stamp(source.Change, recordedAt, headers: new Dictionary<string, string> { ["reportId"] = reportId.ToString() });
        if (source.Existing is null)
        {
            session.Events.StartStream<SourceView>(source.Ref.Id, e);
        }
        else
        {
            session.Events.Append(source.Ref.Id, source.Existing.Version + 1, e);
        }
    }
}
