using System.Text.Json.Serialization;

namespace AttackTracker.Domain.Reports;

public enum Sex
{
    Male,
    Female,
    Unknown,
}

public enum PerpetratorStatus
{
    AtLarge,
    Arrested,
    Killed,
    Dead,
    Unknown,
}

public enum PersonStatus
{
    Killed,
    Wounded,
    Unharmed,
    Hostage,
    Released,
    Unknown,
}

/// <summary>Global Terrorism Database claim modes.</summary>
public enum ClaimMode
{
    Letter,
    Call,
    Email,
    Note,
    Video,
    WebsiteOrSocialMedia,
    Personal,
    Other,
    Unknown,
}

/// <summary>Global Terrorism Database attack types.</summary>
public enum AttackType
{
    Assassination,
    ArmedAssault,
    BombingExplosion,
    Hijacking,
    HostageTakingBarricade,
    HostageTakingKidnapping,
    FacilityInfrastructureAttack,
    UnarmedAssault,
    Unknown,
}

/// <summary>Global Terrorism Database weapon types.</summary>
public enum WeaponType
{
    Biological,
    Chemical,
    Radiological,
    Nuclear,
    Firearms,
    Explosives,
    FakeWeapons,
    Incendiary,
    Melee,
    Vehicle,
    SabotageEquipment,
    Other,
    Unknown,
}

/// <summary>Global Terrorism Database target types.</summary>
public enum TargetType
{
    Business,
    GovernmentGeneral,
    Police,
    Military,
    AbortionRelated,
    AirportsAircraft,
    GovernmentDiplomatic,
    EducationalInstitution,
    FoodWaterSupply,
    JournalistsMedia,
    Maritime,
    Ngo,
    Other,
    PrivateCitizensProperty,
    ReligiousFiguresInstitutions,
    Telecommunication,
    TerroristsNonStateMilitia,
    Tourists,
    Transportation,
    Unknown,
    Utilities,
    ViolentPoliticalParty,
}

/// <summary>
/// How closely a location's coordinates place the event, from the place itself to the country
/// (the data sets' precision codes map onto it: docs/datasets.md).
/// </summary>
public enum LocationPrecision
{
    /// <summary>The place itself: the town, village or site the event happened in.</summary>
    Exact,

    /// <summary>Near a known place (UCDP: within about 25 km; ACLED: a nearby town or part of a region).</summary>
    Near,

    /// <summary>The centroid of a second-order administrative division (a district, a municipality).</summary>
    District,

    /// <summary>The centroid of a first-order administrative division (a province, a state) or its capital.</summary>
    Province,

    /// <summary>A point standing for a larger area or a linear feature (a region across provinces, a road, a river).</summary>
    Area,

    /// <summary>The country's centroid: only the country is known.</summary>
    Country,

    /// <summary>An estimated point in international waters or airspace.</summary>
    International,
}

/// <summary>Named as the view's casualty keys: killed, wounded, perpetratorsKilled, perpetratorsWounded, hostages.</summary>
public enum CasualtyCategory
{
    [JsonStringEnumMemberName("killed")] Killed,
    [JsonStringEnumMemberName("wounded")] Wounded,
    [JsonStringEnumMemberName("perpetratorsKilled")] PerpetratorsKilled,
    [JsonStringEnumMemberName("perpetratorsWounded")] PerpetratorsWounded,
    [JsonStringEnumMemberName("hostages")] Hostages,
}
