namespace AttackTracker.Domain.Incidents;

public sealed record IncidentOpened(Guid IncidentId, string Title, ReportedTime OccurredOn, string Country, string Place, string? Summary);
