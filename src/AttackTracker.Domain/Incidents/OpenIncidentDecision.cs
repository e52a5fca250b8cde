using AttackTracker.Domain.Writes;

namespace AttackTracker.Domain.Incidents;

/// <summary>The body of POST /api/incidents.</summary>
public sealed record OpenIncidentRequest(string? Title, string? OccurredOn, string? Country, string? Place, string? Summary);

public static class OpenIncidentDecision
{
    public static IncidentOpened? Decide(Guid incidentId, OpenIncidentRequest request, DateTimeOffset now, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        var title = errors.Text("title", request.Title, Limits.TitleLength, required: true);
        var occurredOn = errors.Time("occurredOn", request.OccurredOn, now, required: true);
        var country = errors.Text("country", request.Country, Countries.MaxCodeLength, required: true);
        if (country is not null && !Countries.IsCode(country))
        {
            errors.Add("country", Countries.Expected);
        }

        var place = errors.Text("place", request.Place, Limits.ShortTextLength, required: true);
        var summary = errors.Text("summary", request.Summary, Limits.TextLength, multiline: true);
        return errors.IsEmpty ? new IncidentOpened(incidentId, title!, occurredOn!.Value, country!, place!, summary) : null;
    }

    /// <summary>The incident's stream starts with its opening; the answer is its first view.</summary>
    public static Decision<IncidentView> Decide(IncidentOpened opened, WriteContext context)
    {
        ArgumentNullException.ThrowIfNull(opened);
        ArgumentNullException.ThrowIfNull(context);
        var state = IncidentFold.Evolve(IncidentState.Initial, new StreamEvent(opened, 1, context.RecordedAt, context.RecordedBy));
        return Decision.Accept(IncidentViewBuilder.Build(opened.IncidentId, state, ViewPoint.Current), [new NewEvent(opened, context.NewId())]);
    }
}
