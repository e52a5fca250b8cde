namespace AttackTracker.Domain.Sources;

public static class SourceDecision
{
    /// <summary>
    /// A source is registered on first use. A later report that grades it differently regrades it
    /// (an event, so the change is audited); one that says nothing of its grade keeps it.
    /// </summary>
    public static (SourceRef Source, object? Event) Decide(Reports.SourceRequest requested, SourceRef? existing, string? url)
    {
        ArgumentNullException.ThrowIfNull(requested);
        if (existing is null)
        {
            var id = SourceNames.IdFor(requested.Name!);
            var registered = new SourceRegistered(id, requested.Name!, requested.Kind ?? SourceKind.Other, requested.Reliability ?? Reliability.F, url);
            return (new SourceRef(id, registered.Name, registered.Kind, registered.Reliability), registered);
        }

        var kind = requested.Kind ?? existing.Kind;
        var reliability = requested.Reliability ?? existing.Reliability;
        return kind == existing.Kind && reliability == existing.Reliability
            ? (existing, null)
            : (existing with { Kind = kind, Reliability = reliability }, new SourceGraded(existing.Id, kind, reliability));
    }
}
