using System.Globalization;
using AttackTracker.Api.Infrastructure;
using AttackTracker.Api.Sources;
using AttackTracker.EventStore;
using AttackTracker.Incidents;
using AttackTracker.Incidents.Reports;
using AttackTracker.Incidents.Sources;

namespace AttackTracker.Api.Reports;

public sealed record ReportCreated(Guid ReportId, Guid IncidentId, long Version, IReadOnlyList<Guid> FactIds);

/// <summary>
/// Submits one report through <see cref="IncidentWrites"/>. The source is registered (or regraded)
/// in the same transaction, so a report never names a source that the store does not hold.
/// </summary>
public sealed class ReportWriter(IncidentWrites writes, SourceRows sources)
{
    public static string Location(ReportCreated created) => $"/api/reports/{created.ReportId}";

    public Task<WriteOutcome<ReportCreated>> SubmitAsync(
        SubmitReport command, long? ifMatch, WriteContext context, IdempotencyRequest? key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        return writes.WriteAsync<ReportCreated>(command.IncidentId, ifMatch, key, async (transaction, _, ct) =>
        {
            var reportId = Guid.CreateVersion7();
            var source = await ResolveSourceAsync(transaction, command.Source, reportId, context, ct);
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
            IReadOnlyList<Guid> factIds = [.. events.OfType<IFactReported>().Select(f => f.FactId)];
            return new Decision<ReportCreated>.Accept(
                [.. events.Select(e => new EventData(e, metadata, e is IFactReported f ? f.FactId : reportId))],
                version => new ReportCreated(reportId, command.IncidentId, version, factIds));
        }, Location, cancellationToken);
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
            // Another report registered the source between our read and our append; the append
            // waited for that transaction, so the registration is visible now. Decide again.
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
