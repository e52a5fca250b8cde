using AttackTracker.Api.Documents;
using AttackTracker.Api.Sources;
using AttackTracker.Domain;
using AttackTracker.Domain.Documents;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Sources;
using AttackTracker.Domain.Writes;
using JasperFx.Events;
using Marten;
using Marten.Services.BatchQuerying;

namespace AttackTracker.Api.Store;

/// <summary>
/// One write's transaction, from its first statement to its commit: three round trips for a
/// report on a known source. The first is one ordered batch: the rebuild gate's shared lock, the
/// caller's own statements (the idempotency claim), each incident's stream row lock and stored
/// state, each named source's view, and last the database's clock, read after every lock. When a
/// report registers or regrades a source, one more batch takes the source's lock, reads its view
/// again and reads the clock again. Then the unit of work (events, inline projections,
/// notifications) and COMMIT. Every event of the commit carries one recorded time, kept after
/// each stream's last, so the recording axis stays a clean prefix (Sql/0002 refuses any event
/// that breaks it).
/// </summary>
public sealed class WriteUnit : IAsyncDisposable
{
    /// <summary>Marten's name for the aggregate, in mt_streams.type, of every stream started as an incident.</summary>
    public const string IncidentStreamType = "incident_state";

    private readonly IDocumentSession _session;
    private readonly StoreSettings _settings;
    private readonly IReadOnlyList<ICommitRecorder> _recorders;
    private readonly Dictionary<Guid, LoadedIncident> _incidents = [];
    private readonly Dictionary<Guid, IEventStream<IncidentState>> _streams = [];
    private readonly Dictionary<Guid, List<IEvent>> _appended = [];
    private readonly Dictionary<Guid, ResolvedSource> _sources = [];
    private readonly Dictionary<string, DocumentStored> _documents = new(StringComparer.Ordinal);
    private readonly List<IncidentCommit> _commits = [];

    private WriteUnit(IDocumentSession session, StoreSettings settings, IReadOnlyList<ICommitRecorder> recorders)
    {
        _session = session;
        _settings = settings;
        _recorders = recorders;
    }

    public DateTimeOffset RecordedAt { get; private set; }

    public string RecordedBy => _session.LastModifiedBy ?? IncidentFold.Anonymous;

    /// <summary>The unit's session, for statements a caller queues into the commit.</summary>
    public IDocumentSession Session => _session;

    /// <summary>
    /// Opens the transaction and loads everything in one batch. <paramref name="enlist"/> adds the
    /// caller's own items to the batch, after the gate and before the locks.
    /// </summary>
    public static async Task<WriteUnit> BeginAsync(
        IDocumentStore store,
        StoreSettings settings,
        IReadOnlyList<ICommitRecorder> recorders,
        WriteOrigin origin,
        WriteLoad load,
        Action<IBatchedQuery>? enlist,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(load);
        var session = store.LightweightSession();
        session.LastModifiedBy = origin.RecordedBy;
        session.CorrelationId = origin.CorrelationId;
        session.CausationId = origin.CausationId;
        var unit = new WriteUnit(session, settings, recorders);
        try
        {
            await unit.LoadAsync(load, enlist, cancellationToken);
            return unit;
        }
        catch
        {
            await unit.DisposeAsync();
            throw;
        }
    }

    public LoadedIncident Incident(Guid id) => _incidents[id];

    /// <summary>The stored documents the load asked for that exist, by id. Documents never change, so they are read, not locked.</summary>
    public IReadOnlyDictionary<string, DocumentStored> Documents => _documents;

    public ResolvedSource Source(SourceRequest requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        return _sources[SourceNames.IdFor(requested.Name!)];
    }

    /// <summary>What a decision on this incident decides on: its state as this unit holds it (with what the unit appended so far).</summary>
    public WriteContext Context(Guid incidentId, DateTimeOffset now, SourceRequest? source = null)
    {
        var resolved = source is null ? null : Source(source);
        var state = _incidents.TryGetValue(incidentId, out var loaded) ? loaded.State : IncidentState.Initial;
        return new WriteContext(state, resolved?.Ref, resolved?.Change, RecordedAt, RecordedBy, now, Guid.CreateVersion7, _documents.ToDictionary(d => d.Key, d => d.Value.Text, StringComparer.Ordinal));
    }

    /// <summary>
    /// Queues a decision's events on the incident's stream (started when new) and on the source's,
    /// with their notifications, all recorded at <see cref="RecordedAt"/>. A later decision in this
    /// unit on the same incident sees these events.
    /// </summary>
    public void Append<T>(Guid incidentId, Decision<T> decision, SourceRequest? source = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(decision);
        var before = _incidents.TryGetValue(incidentId, out var loaded) ? loaded.State : IncidentState.Initial;
        var events = decision.Events.Select(Stamp).ToList();
        if (!_appended.TryGetValue(incidentId, out var queued))
        {
            _appended[incidentId] = queued = [];
        }

        queued.AddRange(events);
        var after = events.Select((e, i) => new StreamEvent(e.Data, before.Version + i + 1, RecordedAt, RecordedBy, _session.CorrelationId))
            .Aggregate(before, IncidentFold.Evolve) with
        { Id = incidentId };
        _incidents[incidentId] = new LoadedIncident(incidentId, after.Version, IncidentStreamType, after);
        _commits.Add(new IncidentCommit(incidentId, before, events));

        AppendSource(decision.SourceEvent, source);
    }

    /// <summary>Queues a new document's stream, its one <see cref="DocumentStored"/>, and its publisher's registration or regrade.</summary>
    public void StartDocument(Decision<DocumentStored> decision, SourceRequest publisher)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var stored = decision.Response ?? throw new ArgumentException("Only an accepted decision is appended.", nameof(decision));
        _session.Events.StartStream<DocumentSummary>(DocumentIds.StreamId(stored.DocumentId), [.. decision.Events.Select(Stamp)]);
        AppendSource(decision.SourceEvent, publisher);
    }

    private void AppendSource(NewEvent? sourceEvent, SourceRequest? source)
    {
        if (sourceEvent is null || source is null)
        {
            return;
        }

        var resolved = Source(source);
        var e = Stamp(sourceEvent);
        if (resolved.View is null)
        {
            _session.Events.StartStream<SourceView>(resolved.Ref.Id, e);
        }
        else
        {
            _session.Events.Append(resolved.Ref.Id, resolved.View.Version + 1, e);
        }

        _sources[resolved.Ref.Id] = resolved with { Change = null };
    }

    /// <summary>The unit of work and COMMIT: two round trips.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        foreach (var (id, events) in _appended)
        {
            if (_streams.TryGetValue(id, out var stream))
            {
                stream.AppendMany(events);
            }
            else
            {
                _session.Events.StartStream<IncidentState>(id, events);
            }
        }

        foreach (var recorder in _recorders)
        {
            recorder.Record(_session, _commits);
        }

        await _session.SaveChangesAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _session.DisposeAsync();

    private IEvent Stamp(NewEvent decided)
    {
        var e = _session.Events.BuildEvent(decided.Data);
        e.Id = decided.Id;
        e.Timestamp = RecordedAt;
        if (decided.Headers is not null)
        {
            foreach (var (name, value) in decided.Headers)
            {
                e.SetHeader(name, value);
            }
        }

        return e;
    }

    private async Task LoadAsync(WriteLoad load, Action<IBatchedQuery>? enlist, CancellationToken cancellationToken)
    {
        await _session.BeginTransactionAsync(cancellationToken);
        var batch = _session.CreateBatchQuery();
        _ = batch.AddItem(RebuildGate.Pass(_settings.Schema));
        enlist?.Invoke(batch);
        // In id order, so that two writes locking several incidents never wait on each other in a circle.
        var ids = load.Incidents.Distinct().Order().ToArray();
        var streams = ids.Select(id => (Id: id, Stream: batch.Events.FetchForExclusiveWriting<IncidentState>(id))).ToList();
        var types = ids.Length > 0 ? batch.AddItem(WriteStatements.Streams(_settings.Schema, ids)) : null;
        var requested = load.Sources.DistinctBy(s => SourceNames.IdFor(s.Name!)).ToList();
        var views = requested.Select(s => batch.Load<SourceView>(SourceNames.IdFor(s.Name!))).ToList();
        var documents = (load.Documents ?? []).Distinct(StringComparer.Ordinal)
            .Select(id => (Id: id, Events: batch.Events.FetchStream(DocumentIds.StreamId(id)))).ToList();
        var clock = batch.AddItem(WriteStatements.Clock());
        await batch.Execute(cancellationToken);
        foreach (var (id, pending) in documents)
        {
            if (await pending is [{ Data: DocumentStored stored }, ..] && stored.DocumentId == id)
            {
                _documents[id] = stored;
            }
        }

        var found = types is null ? new Dictionary<Guid, (string?, long)>() : await types;
        foreach (var (id, pending) in streams)
        {
            var stream = await pending;
            _streams[id] = stream;
            found.TryGetValue(id, out var row);
            var version = stream.StartingVersion ?? 0;
            var state = stream.Aggregate is { Version: > 0 } aggregate && aggregate.Version == version
                ? aggregate
                : await FoldAsync(id, version, cancellationToken);
            _incidents[id] = new LoadedIncident(id, version, row.Item1, state);
        }

        var after = _incidents.Values.Select(i => i.State.LastRecordedAt).Max();
        for (var i = 0; i < requested.Count; i++)
        {
            var view = await views[i];
            var (source, change) = SourceDecision.Decide(requested[i], view?.Ref, requested[i].Url);
            _sources[source.Id] = new ResolvedSource(source, change, view);
        }

        var now = await clock;
        var changing = _sources.Values.Where(s => s.Change is not null).Select(s => s.Ref.Id).ToArray();
        if (changing.Length > 0)
        {
            now = await LockSourcesAsync(requested, changing, cancellationToken);
        }

        after = Max(after, _sources.Values.Select(s => s.View?.LastRecordedAt).Max());
        RecordedAt = after is { } last && now <= last ? last.AddTicks(TimeSpan.TicksPerMicrosecond) : now;
    }

    /// <summary>
    /// A source's registration or regrade is decided again under the source's own lock, on what
    /// is committed then, so two reports naming a new source at once register it once; the clock
    /// is read again after the lock.
    /// </summary>
    private async Task<DateTimeOffset> LockSourcesAsync(List<SourceRequest> requested, Guid[] changing, CancellationToken cancellationToken)
    {
        // Read into the session's identity map, where the source's inline projection finds the
        // view when it applies the change, instead of loading it once more.
        ((Marten.Internal.Sessions.QuerySession)_session).UseIdentityMapFor<SourceView>();
        var batch = _session.CreateBatchQuery();
        foreach (var id in changing.Order())
        {
            _ = batch.AddItem(WriteStatements.Execute("SELECT pg_advisory_xact_lock(hashtextextended(^, 0))", $"attacktracker:source:{id}"));
        }

        var views = changing.ToDictionary(id => id, id => batch.Load<SourceView>(id));
        var clock = batch.AddItem(WriteStatements.Clock());
        await batch.Execute(cancellationToken);
        foreach (var request in requested.Where(r => views.ContainsKey(SourceNames.IdFor(r.Name!))))
        {
            var view = await views[SourceNames.IdFor(request.Name!)];
            var (source, change) = SourceDecision.Decide(request, view?.Ref, request.Url);
            _sources[source.Id] = new ResolvedSource(source, change, view);
        }

        return await clock;
    }

    /// <summary>
    /// The state folded from the stream, when the stored one is missing or behind (a rebuild that
    /// did not finish): a write to an incident whose stream exists never fails for want of its document.
    /// </summary>
    private async Task<IncidentState> FoldAsync(Guid id, long version, CancellationToken cancellationToken)
    {
        if (version == 0)
        {
            return IncidentState.Initial;
        }

        var events = await _session.Events.FetchStreamAsync(id, version, token: cancellationToken);
        return events.Fold() with { Id = id };
    }

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
