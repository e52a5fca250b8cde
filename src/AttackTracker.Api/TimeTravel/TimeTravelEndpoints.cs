using System.Globalization;
using AttackTracker.Api.Incidents;
using AttackTracker.Api.Infrastructure;
using AttackTracker.Api.Security;
using AttackTracker.EventStore;
using AttackTracker.Incidents;
using AttackTracker.Incidents.Audit;
using AttackTracker.Incidents.Incidents;
using AttackTracker.Incidents.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AttackTracker.Api.TimeTravel;

public sealed record HistoryPage(IReadOnlyList<HistoryEntry> Items, int Page, int PageSize, int Total);

public sealed record DiffView(ViewPoint From, ViewPoint To, long FromVersion, long ToVersion, IReadOnlyList<FieldChange> Changes);

public sealed record EventView(
    long Position,
    long Version,
    string Type,
    ulong TransactionId,
    DateTimeOffset RecordedAt,
    string RecordedBy,
    string? CorrelationId,
    string? CausationId,
    Guid? ReportId,
    Guid? SourceId,
    string? Source,
    DateTimeOffset? PublishedAt,
    IReadOnlyDictionary<string, string>? Headers,
    object Data);

public sealed record EventPage(IReadOnlyList<EventView> Items, long? NextFromVersion);

public sealed record FigureSeriesView(Guid IncidentId, CasualtyCategory Category, IReadOnlyList<FigurePoint> Points);

public static class TimeTravelEndpoints
{
    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapTimeTravel(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/incidents/{id:guid}").WithTags("Time travel and audit").RequireAuthorization(SecuritySetup.ReadPolicy);
        group.MapGet("/history", History).WithSummary("One entry per committed change, in recording order, with the fields it changed.");
        group.MapGet("/diff", Diff).WithSummary("The fields that differ between two points, each given on any axis.");
        group.MapGet("/events", Events).WithSummary("The raw stream with full metadata, paginated by version.");
        group.MapGet("/integrity", Integrity).WithSummary("Recomputes the stream's SHA-256 hash chain and reports the first broken link.");
        group.MapGet("/figures/{category}", Figures).WithSummary("A casualty category's figure after each report, in publication order.");
        return app;
    }

    /// <summary>The view at a point (GET /api/incidents/{id}?asOf=…&amp;recordedAsOf=…&amp;version=…).</summary>
    public static async Task<IResult> PastView(Guid id, ViewPoint point, IncidentTimeMachine machine, CancellationToken cancellationToken) =>
        await machine.StateAsync(id, point.Version, point.RecordedAsOf, cancellationToken) switch
        {
            PastState.Found found => TypedResults.Ok(IncidentViewBuilder.Build(id, found.State, point)),
            PastState.BeyondEnd beyond => Problems.NotFound($"Version {beyond.Requested} of incident {id} (the stream is at version {beyond.Current})"),
            _ => Problems.NotFound($"Incident {id}"),
        };

    public static async Task<Results<Ok<HistoryPage>, ValidationProblem, ProblemHttpResult>> History(
        Guid id, string? path, int? page, int? pageSize, EventStore.EventStore store, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var prefix = errors.Text("path", path, Limits.NameLength);
        CheckPaging(page, pageSize, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        if (await store.FetchStreamStateAsync(id, cancellationToken) is not { Type: EventTypes.IncidentStream })
        {
            return Problems.NotFound($"Incident {id}");
        }

        var events = await store.ReadStreamAsync(id, cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        var entries = IncidentHistory.Build(id, events, prefix).ToList();
        var (number, size) = (page ?? 1, pageSize ?? 20);
        return TypedResults.Ok(new HistoryPage([.. entries.Skip((number - 1) * size).Take(size)], number, size, entries.Count));
    }

    public static async Task<IResult> Diff(Guid id, HttpContext http, IncidentTimeMachine machine, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var from = TimePoints.Read("from", http.Request.Query, errors) ?? new ViewPoint(null, null, 0);
        var to = TimePoints.Read("to", http.Request.Query, errors) ?? ViewPoint.Current;
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var before = await machine.StateAsync(id, from.Version, from.RecordedAsOf, cancellationToken);
        var after = await machine.StateAsync(id, to.Version, to.RecordedAsOf, cancellationToken);
        if (before is PastState.Found older && after is PastState.Found newer)
        {
            var changes = ViewDiff.Between(IncidentViewBuilder.Build(id, older.State, from), IncidentViewBuilder.Build(id, newer.State, to));
            return TypedResults.Ok(new DiffView(from, to, older.State.Version, newer.State.Version, changes));
        }

        return (before as PastState.BeyondEnd ?? after as PastState.BeyondEnd) is { } beyond
            ? Problems.NotFound($"Version {beyond.Requested} of incident {id} (the stream is at version {beyond.Current})")
            : Problems.NotFound($"Incident {id}");
    }

    public static async Task<Results<Ok<EventPage>, ValidationProblem, ProblemHttpResult>> Events(
        Guid id, long? fromVersion, int? limit, EventStore.EventStore store, IncidentQueries queries, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (fromVersion is < 1)
        {
            errors.Add("fromVersion", "must be 1 or more.");
        }

        if (limit is < 1 or > MaxPageSize)
        {
            errors.Add("limit", $"must be 1 to {MaxPageSize}.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var state = await queries.StateAsync(id, cancellationToken);
        if (state is null)
        {
            return Problems.NotFound($"Incident {id}");
        }

        var sources = state.Reports.ToDictionary(r => r.ReportId, r => r.Source);
        var first = fromVersion ?? 1;
        var size = limit ?? 50;
        var events = await store.ReadStreamAsync(id, first, first + size, cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        var items = events.Take(size).Select(e =>
        {
            var reportId = Guid.TryParse(e.Metadata.Header("reportId"), out var r) ? r : (Guid?)null;
            var published = DateTimeOffset.TryParse(e.Metadata.Header("publishedAt"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var p) ? p : (DateTimeOffset?)null;
            var source = reportId is { } rid && sources.TryGetValue(rid, out var s) ? s : null;
            return new EventView(
                e.Position, e.Version, e.TypeName, e.TransactionId, e.RecordedAt, e.Metadata.RecordedBy ?? IncidentProjection.Anonymous,
                e.Metadata.CorrelationId, e.Metadata.CausationId, reportId, source?.Id, source?.Name, published, e.Metadata.Headers, e.Data);
        }).ToList();
        return TypedResults.Ok(new EventPage(items, events.Count > size ? first + size : null));
    }

    public static async Task<Results<Ok<FigureSeriesView>, ValidationProblem, ProblemHttpResult>> Figures(
        Guid id, string category, IncidentQueries queries, CancellationToken cancellationToken)
    {
        CasualtyCategory? parsed = category switch
        {
            "killed" => CasualtyCategory.Killed,
            "wounded" => CasualtyCategory.Wounded,
            "perpetratorsKilled" => CasualtyCategory.PerpetratorsKilled,
            "perpetratorsWounded" => CasualtyCategory.PerpetratorsWounded,
            "hostages" => CasualtyCategory.Hostages,
            _ => null,
        };
        if (parsed is not { } known)
        {
            return Problems.Field("category", "must be killed, wounded, perpetratorsKilled, perpetratorsWounded or hostages.");
        }

        var state = await queries.StateAsync(id, cancellationToken);
        return state is null
            ? Problems.NotFound($"Incident {id}")
            : TypedResults.Ok(new FigureSeriesView(id, known, FigureSeries.Build(id, state, known)));
    }

    public static async Task<Results<Ok<StreamIntegrity>, ProblemHttpResult>> Integrity(Guid id, EventStore.EventStore store, CancellationToken cancellationToken)
    {
        if (await store.FetchStreamStateAsync(id, cancellationToken) is not { Type: EventTypes.IncidentStream })
        {
            return Problems.NotFound($"Incident {id}");
        }

        return TypedResults.Ok(await store.VerifyStreamAsync(id, cancellationToken));
    }

    private static void CheckPaging(int? page, int? pageSize, ValidationErrors errors)
    {
        if (page is < 1)
        {
            errors.Add("page", "must be 1 or more.");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"must be 1 to {MaxPageSize}.");
        }
    }
}
