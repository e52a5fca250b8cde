using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Sources;

namespace AttackTracker.Domain.Exchange;

/// <summary>An ACLED sub-event type as the GTD's attack and weapon types, where it is one of them.</summary>
internal sealed record AcledMapping(AttackType? Attack, WeaponType? Weapon);

/// <summary>
/// ACLED's codebook words (docs/datasets.md lists every mapping and what is left out): the
/// sub-event types that are a GTD attack or weapon type, and the actor types of inter1 and inter2,
/// as numbers (exports before 2024) or words (since).
/// </summary>
internal static class AcledVocabulary
{
    public const int Protesters = 6;
    public const int Civilians = 7;

    private static readonly Dictionary<string, AcledMapping> SubEvents = new(StringComparer.Ordinal)
    {
        ["armed clash"] = new(AttackType.ArmedAssault, null),
        ["chemical weapon"] = new(AttackType.UnarmedAssault, WeaponType.Chemical),
        ["air/drone strike"] = new(AttackType.BombingExplosion, WeaponType.Explosives),
        ["suicide bomb"] = new(AttackType.BombingExplosion, WeaponType.Explosives),
        ["shelling/artillery/missile attack"] = new(AttackType.BombingExplosion, WeaponType.Explosives),
        ["remote explosive/landmine/ied"] = new(AttackType.BombingExplosion, WeaponType.Explosives),
        ["grenade"] = new(AttackType.BombingExplosion, WeaponType.Explosives),
        ["abduction/forced disappearance"] = new(AttackType.HostageTakingKidnapping, null),
    };

    private static readonly Dictionary<string, int> ActorTypes = new(StringComparer.Ordinal)
    {
        ["state forces"] = 1,
        ["rebel group"] = 2,
        ["rebel groups"] = 2,
        ["political militia"] = 3,
        ["political militias"] = 3,
        ["identity militia"] = 4,
        ["identity militias"] = 4,
        ["rioters"] = 5,
        ["protesters"] = Protesters,
        ["civilians"] = Civilians,
        ["external/other forces"] = 8,
        ["external/other force"] = 8,
    };

    private static readonly string[] ActorNames =
    [
        "state forces", "rebel group", "political militia", "identity militia", "rioters", "protesters", "civilians", "external/other forces",
    ];

    /// <summary>The GTD's types for a sub-event type, or null when it has none (a protest, a battle over territory, an attack whose weapon is not said).</summary>
    public static AcledMapping? SubEvent(string text) => SubEvents.GetValueOrDefault(SourceNames.Normalize(text));

    /// <summary>An actor type 1–8 from its number or its words; 0 (no actor); null when it is neither.</summary>
    public static int? ActorType(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bare = text.EndsWith(".0", StringComparison.Ordinal) ? text[..^2] : text;
        if (int.TryParse(bare, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code))
        {
            return code is >= 0 and <= 8 ? code : null;
        }

        return ActorTypes.TryGetValue(SourceNames.Normalize(text), out var named) ? named : null;
    }

    /// <summary>The words for an actor type 1–8.</summary>
    public static string ActorName(int type) => type is >= 1 and <= 8 ? ActorNames[type - 1] : "none";
}
