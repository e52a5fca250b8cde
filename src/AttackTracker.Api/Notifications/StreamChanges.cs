using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain;
using AttackTracker.Domain.Notifications;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Notifications;

public static class StreamChangesEndpoint
{
    public const string LastEventIdHeader = "Last-Event-ID";

    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<string>(StatusCodes.Status200OK, "text/event-stream").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithTags("Notifications")
            .WithSummary("The change notifications as Server-Sent Events, in commit order, filtered like a subscription; resumable with Last-Event-ID.")
            .WithQuery(
                [new QueryParameter("incidentIds", QueryValue.Text, "Only these incidents: comma-separated ids, at most 100.", MaxLength: 4000)],
                [new QueryParameter("countries", QueryValue.Text, "Only incidents in these countries: comma-separated ISO 3166-1 alpha-2 codes.", MaxLength: 400)],
                [new QueryParameter("kinds", QueryValue.Text, $"Only these kinds, comma-separated: {string.Join(", ", ChangeNotifications.Kinds)}.", MaxLength: 200)],
                [new QueryParameter("after", QueryValue.Text, "Start after this event id (as Last-Event-ID, which wins when both are sent); 0-0 for the beginning. Without either, only what comes next.", MaxLength: 40)],
                [new QueryParameter("follow", QueryValue.Text, "false: send what there is up to now and end the stream; true (the default): keep it open.", MaxLength: 5)]);
    }

    [WolverineGet("/api/changes", OperationId = "streamChanges")]
    [Authorize(Policy = SecuritySetup.ReadPolicy)]
    public static IResult Get(
        HttpRequest request, LiveFeeds live,
        string? incidentIds, string? countries, string? kinds, string? after, string? follow)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        // The query's lists, checked by the same rules as a subscription's filter.
        var filter = SubscriptionRules.Filter(
            "filter",
            new SubscriptionFilterRequest(Guids(incidentIds, errors), List("countries", countries, errors), List("kinds", kinds, errors)),
            errors);
        var lastEventId = request.Headers[LastEventIdHeader].ToString();
        var (from, fromName) = lastEventId.Length > 0 ? (lastEventId, LastEventIdHeader) : (after, "after");
        FeedPosition? start = null;
        if (from is not null)
        {
            if (FeedPosition.TryParse(from, out var position))
            {
                start = position;
            }
            else
            {
                errors.Add(fromName, "must be an event id of this feed, such as 1234-0 (0-0 for the beginning).");
            }
        }

        var keepOpen = follow switch
        {
            null or "true" => true,
            "false" => false,
            _ => Invalid(errors),
        };
        if (!errors.IsEmpty || filter is null)
        {
            // The filter's own checks name filter.kinds[0]; the query names the parameter.
            return Problems.Validation(errors.ToDictionary()
                .GroupBy(e => e.Key.Replace("filter.", string.Empty, StringComparison.Ordinal).Split('[')[0], StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).ToArray(), StringComparer.Ordinal));
        }

        return new ChangeEventsResult(live, filter, start is null ? null : (start.Value, fromName), keepOpen);
    }

    private static bool Invalid(ValidationErrors errors)
    {
        errors.Add("follow", "must be true or false.");
        return false;
    }

    private static string[]? List(string name, string? text, ValidationErrors errors)
    {
        if (text is null)
        {
            return null;
        }

        var items = text.Split(',', StringSplitOptions.TrimEntries);
        if (items.Any(i => i.Length == 0))
        {
            errors.Add(name, "must be a comma-separated list without empty items.");
            return null;
        }

        return items;
    }

    private static List<Guid>? Guids(string? text, ValidationErrors errors)
    {
        if (List("incidentIds", text, errors) is not { } items)
        {
            return null;
        }

        var ids = new List<Guid>(items.Length);
        foreach (var item in items)
        {
            if (!Guid.TryParse(item, out var id))
            {
                errors.Add("incidentIds", $"'{(item.Length > 40 ? item[..40] + "…" : item)}' is not an incident id.");
                return null;
            }

            ids.Add(id);
        }

        return ids;
    }
}
