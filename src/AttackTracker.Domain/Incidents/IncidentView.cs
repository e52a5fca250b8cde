using System.Text.Json.Serialization;
using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Sources;

namespace AttackTracker.Domain.Incidents;

/// <summary>The point in time a view was built for; all null for the current view.</summary>
public sealed record ViewPoint(DateTimeOffset? AsOf, DateTimeOffset? RecordedAsOf, long? Version)
{
    public static ViewPoint Current { get; } = new(null, null, null);

    [JsonIgnore]
    public bool IsCurrent => AsOf is null && RecordedAsOf is null && Version is null;
}

/// <summary>Who said it: one report's assertion of a value.</summary>
public sealed record Attribution(
    Guid ReportId,
    Guid FactId,
    Guid SourceId,
    string Source,
    Reliability Reliability,
    DateTimeOffset PublishedAt,
    string? Quote);

/// <summary>A value and every report that asserted it.</summary>
public sealed record Attested<T>(T Value, IReadOnlyList<Attribution> Sources, DateTimeOffset FirstPublishedAt, DateTimeOffset LastPublishedAt);

/// <summary>The distinct values reports gave for one attribute; conflicting when there are several.</summary>
public sealed record AttributeView(bool Conflicting, IReadOnlyList<Attested<object>> Values);

public sealed record CasualtiesView(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] CasualtyFigure? Killed,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] CasualtyFigure? Wounded,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] CasualtyFigure? PerpetratorsKilled,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] CasualtyFigure? PerpetratorsWounded,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] CasualtyFigure? Hostages)
{
    public CasualtyFigure? Figure(CasualtyCategory category) => category switch
    {
        CasualtyCategory.Killed => Killed,
        CasualtyCategory.Wounded => Wounded,
        CasualtyCategory.PerpetratorsKilled => PerpetratorsKilled,
        CasualtyCategory.PerpetratorsWounded => PerpetratorsWounded,
        _ => Hostages,
    };
}

public sealed record PerpetratorProfile(string Key, string? Name, bool Conflicting, IReadOnlyDictionary<string, AttributeView> Attributes);

public sealed record PersonProfile(
    string Key,
    string? Name,
    PersonStatus Status,
    IReadOnlyList<Attested<PersonStatus>> Statuses,
    IReadOnlyList<Attested<string>> Names,
    IReadOnlyList<Attested<string>> Roles,
    IReadOnlyList<Attested<string>> Descriptions);

public sealed record ClaimValue(string Claimant, string? Channel, ReportedTime? ClaimedAt, ClaimMode? Mode);

public sealed record WeaponValue(WeaponType WeaponType, string? Detail);

public sealed record TargetValue(TargetType TargetType, string? Detail);

public sealed record LocationValue(string? Role, string? Place, string? City, string? Region, string? Country, double? Lat, double? Lon, LocationPrecision? Precision = null);

public sealed record TimelineEntry(ReportedTime At, bool Approximate, string Description, string? Place, IReadOnlyList<Attribution> Sources);

public sealed record SourceSummary(Guid Id, string Name, SourceKind Kind, Reliability Reliability, int ReportCount);

public sealed record IncidentView(
    Guid Id,
    string? Title,
    ReportedTime? OccurredOn,
    string? Country,
    string? Place,
    string? Summary,
    CasualtiesView Casualties,
    IReadOnlyList<PerpetratorProfile> Perpetrators,
    IReadOnlyList<Attested<ClaimValue>> Claims,
    IReadOnlyList<Attested<AttackType>> AttackTypes,
    IReadOnlyList<Attested<WeaponValue>> Weapons,
    IReadOnlyList<Attested<TargetValue>> Targets,
    IReadOnlyList<Attested<LocationValue>> Locations,
    IReadOnlyList<PersonProfile> People,
    IReadOnlyList<Attested<string>> Demands,
    IReadOnlyList<Attested<string>> Notes,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<SourceSummary> Sources,
    int ReportCount,
    long Version,
    DateTimeOffset? LastRecordedAt,
    ViewPoint? Point,
    Guid? MergedInto = null,
    IReadOnlyList<Guid>? Absorbed = null);

/// <summary>The current killed and wounded figures and how many reports there are (<see cref="IncidentViewBuilder.Summarize"/>).</summary>
public sealed record IncidentSummary(CasualtyFigure? Killed, CasualtyFigure? Wounded, int ReportCount);
