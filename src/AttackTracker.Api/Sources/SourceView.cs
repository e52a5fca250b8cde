using AttackTracker.Domain.Sources;

namespace AttackTracker.Api.Sources;

/// <summary>A source as registered and last graded, kept inline with its stream.</summary>
public sealed record SourceView(
    Guid Id,
    string Name,
    string NormalizedName,
    SourceKind Kind,
    Reliability Reliability,
    string? Url,
    DateTimeOffset RegisteredAt,
    long Version,
    DateTimeOffset LastRecordedAt)
{
    public SourceRef Ref => new(Id, Name, Kind, Reliability);
}
