using Marten;
using SessionOptions = Marten.Services.SessionOptions;

namespace AttackTracker.Api.Store;

/// <summary>
/// Marten's sessions for the service (lightweight: no identity map, no dirty tracking). An
/// endpoint's <see cref="IQuerySession"/> (Wolverine's, or the container's for the web pages) runs
/// in the request's read route when <see cref="ReadSessions"/> gave it one, and on the primary
/// otherwise; every session outside a routed read, the writes' among them, is on the primary.
/// </summary>
public sealed class ReadSessionFactory : SessionFactoryBase
{
    private readonly IDocumentStore _store;
    private readonly ReadSessions _reads;

    public ReadSessionFactory(IDocumentStore store, ReadSessions reads)
        : base(store)
    {
        _store = store;
        _reads = reads;
    }

    public override SessionOptions BuildOptions() => _reads.Current is { } route
        ? Routed(route)
        : new SessionOptions { Tracking = DocumentTracking.None };

    public override IQuerySession QuerySession() => _reads.Current is { } route ? _store.QuerySession(Routed(route)) : _store.QuerySession();

    private static SessionOptions Routed(ReadRoute route)
    {
        var options = SessionOptions.ForTransaction(route.Transaction);
        options.Tracking = DocumentTracking.None;
        return options;
    }
}
