namespace AttackTracker.Api.Reports;

/// <summary>Where a report is: its incident, its source and when it was published. One per ReportSubmitted.</summary>
public sealed record ReportIndexEntry(Guid Id, Guid IncidentId, Guid SourceId, DateTimeOffset PublishedAt, long Version);
