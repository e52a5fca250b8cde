using System.Globalization;
using System.Text.Json;
using AttackTracker.Api.Infrastructure;
using AttackTracker.Api.Sources;
using AttackTracker.EventStore;
using AttackTracker.Incidents;
using AttackTracker.Incidents.Reports;
using AttackTracker.Incidents.Sources;

namespace AttackTracker.Api.Reports;

public sealed record ReportCreated(Guid ReportId, Guid IncidentId, long Version, IReadOnlyList<Guid> FactIds);

public abstract record SubmitOutcome
{
    public sealed record Created(ReportCreated Report) : SubmitOutcome;

    public sealed record Replayed(StoredResponse Response) : SubmitOutcome;

    public sealed record IncidentNotFound : SubmitOutcome;

    public sealed record Stale(long Expected, long Actual) : SubmitOutcome;

    public sealed record KeyReused : SubmitOutcome;
}

/// <summary>
/// Submits one report in one transaction: the incident's stream is locked first, so concurrent
/// reports queue instead of failing, and an If-Match is checked against the version seen under
/// the lock. The source is registered or regraded in the same transaction, and the events, the
/// inline projections and the idempotency key commit together.
/// </summary>
public sealed class ReportWriter(EventStore.EventStore store, SourceRows sources, IdempotencyKeys idempotency)
{
    public async Task<SubmitOutcome> SubmitAsync(
        SubmitReport command, long? ifMatch, WriteContext context, (string Key, byte[] Fingerprint)? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        await using var transaction = await store.BeginTransactionAsync(cancellationToken);
        if (idempotencyKey is { } key)
        {
            switch (await idempotency.ClaimAsync(transaction, key.Key, key.Fingerprint, cancellationToken))
            {
                case IdempotencyClaim.Replay replay:
                    return new SubmitOutcome.Replayed(replay.Response);
                case IdempotencyClaim.Mismatch:
                    return new SubmitOutcome.KeyReused();
            }
        }

        var incident = await transaction.LockStreamAsync(command.IncidentId, cancellationToken);
        if (incident is null || incident.Type != EventTypes.IncidentStream)
        {
            return new SubmitOutcome.IncidentNotFound();
        }

        if (ifMatch is { } expected && expected != incident.Version)
        {
            return new SubmitOutcome.Stale(expected, incident.Version);
        }

        var reportId = Guid.CreateVersion7();
        var source = await ResolveSourceAsync(transaction, command.Source, reportId, context, cancellationToken);
        var events = ReportDecision.Decide(command, source, reportId, Guid.CreateVersion7);
        var headers = new Dictionary<string, string>
        {
            ["reportId"] = reportId.ToString(),
            ["sourceId"] = source.Id.ToString(),
            ["publishedAt"] = command.PublishedAt.ToString("O", CultureInfo.InvariantCulture),
        };
        if (command.Credibility is { } credibility)
        {
            headers["credibility"] = credibility.ToString(CultureInfo.InvariantCulture);
        }

        var metadata = context.Metadata(headers);
        var result = await transaction.AppendAsync(
            new StreamAppend(
                command.IncidentId,
                EventTypes.IncidentStream,
                ExpectedVersion.Exactly(incident.Version),
                [.. events.Select(e => new EventData(e, metadata, e is IFactReported f ? f.FactId : reportId))]),
            cancellationToken);
        var created = new ReportCreated(reportId, command.IncidentId, result.Version, [.. events.OfType<IFactReported>().Select(f => f.FactId)]);
        if (idempotencyKey is { } used)
        {
            await idempotency.CompleteAsync(
                transaction,
                used.Key,
                new StoredResponse(StatusCodes.Status201Created, JsonSerializer.Serialize(created, IncidentJson.Options), $"/api/reports/{reportId}", ETags.For(result.Version)),
                cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new SubmitOutcome.Created(created);
    }

    private async Task<SourceRef> ResolveSourceAsync(
        EventStoreTransaction transaction, SourceRequest requested, Guid reportId, WriteContext context, CancellationToken cancellationToken)
    {
        var id = SourceNames.IdFor(requested.Name!);
        var existing = await sources.FindAsync(transaction, id, cancellationToken);
        var (source, change) = SourceDecision.Decide(requested, existing, requested.Url);
        if (change is null)
        {
            return source;
        }

        var metadata = context.Metadata(new Dictionary<string, string> { ["reportId"] = reportId.ToString() });
        try
        {
            await transaction.AppendAsync(
                new StreamAppend(id, EventTypes.SourceStream, existing is null ? ExpectedVersion.NoStream : ExpectedVersion.Any, [new EventData(change, metadata)]),
                cancellationToken);
            return source;
        }
        catch (StreamAlreadyExistsException)
        {
            // Another report registered the source between our read and our append; it waited
            // for that transaction, so the registration is visible now. Decide again against it.
            var registered = await sources.FindAsync(transaction, id, cancellationToken)
                ?? throw new InvalidOperationException($"Source {id} exists as a stream but not in the sources table.");
            var (regraded, grade) = SourceDecision.Decide(requested, registered, requested.Url);
            if (grade is not null)
            {
                await transaction.AppendAsync(new StreamAppend(id, EventTypes.SourceStream, ExpectedVersion.Any, [new EventData(grade, metadata)]), cancellationToken);
            }

            return regraded;
        }
    }
}
