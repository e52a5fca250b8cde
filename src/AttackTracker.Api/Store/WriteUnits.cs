using AttackTracker.Api.Sources;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Sources;
using JasperFx.Events;
using Marten;
using Marten.Services.BatchQuerying;

namespace AttackTracker.Api.Store;

/// <summary>Who records a write, and the ids that tie its events to the request behind them.</summary>
public sealed record WriteOrigin(string RecordedBy, string CorrelationId, string? CausationId = null);

/// <summary>What a write loads: the incidents it appends to (locked), the sources its reports name, and the stored documents it cites (by id).</summary>
public sealed record WriteLoad(IReadOnlyCollection<Guid> Incidents, IReadOnlyCollection<SourceRequest> Sources, IReadOnlyCollection<string>? Documents = null)
{
    public static WriteLoad None { get; } = new([], []);
}

/// <summary>An incident as a write found it under its lock.</summary>
public sealed record LoadedIncident(Guid Id, long Version, string? StreamType, IncidentState State)
{
    public bool Exists => Version > 0;

    public bool IsIncident => StreamType == WriteUnit.IncidentStreamType;
}

/// <summary>What one commit appends to one incident, and the incident's state before it.</summary>
public sealed record IncidentCommit(Guid IncidentId, IncidentState Before, IReadOnlyList<IEvent> Events);

/// <summary>Something every write records in its own transaction, beside its events (the change notifications).</summary>
public interface ICommitRecorder
{
    void Record(IDocumentSession session, IReadOnlyList<IncidentCommit> commits);
}

/// <summary>Opens write units on the service's store.</summary>
public sealed class WriteUnits(IDocumentStore store, StoreSettings settings, IEnumerable<ICommitRecorder> recorders)
{
    private readonly ICommitRecorder[] _recorders = [.. recorders];

    public Task<WriteUnit> BeginAsync(WriteOrigin origin, WriteLoad load, CancellationToken cancellationToken, Action<IBatchedQuery>? enlist = null) =>
        WriteUnit.BeginAsync(store, settings, _recorders, origin, load, enlist, cancellationToken);
}

/// <summary>A report's source as committed when the write held what it needed of it, and the change the report makes to it.</summary>
public sealed record ResolvedSource(SourceRef Ref, object? Change, SourceView? View);
