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

/// <summary>Named as the view's casualty keys: killed, wounded, perpetratorsKilled, perpetratorsWounded, hostages.</summary>
public enum CasualtyCategory
{
    [JsonStringEnumMemberName("killed")] Killed,
    [JsonStringEnumMemberName("wounded")] Wounded,
    [JsonStringEnumMemberName("perpetratorsKilled")] PerpetratorsKilled,
    [JsonStringEnumMemberName("perpetratorsWounded")] PerpetratorsWounded,
    [JsonStringEnumMemberName("hostages")] Hostages,
}
