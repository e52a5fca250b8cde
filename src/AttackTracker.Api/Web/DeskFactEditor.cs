using AttackTracker.Domain;
using AttackTracker.Domain.Desk;
using AttackTracker.Domain.Reports;

namespace AttackTracker.Api.Web;

/// <summary>
/// One fact's fields on the review page (Shared/_DeskFact): where they bind (<see cref="Prefix"/>),
/// the ids the problems link to (<see cref="Anchor"/>), and the choices a field offers.
/// </summary>
public sealed record DeskFactEditor(string Prefix, string Anchor, SuggestionKind Kind, DeskFields Fields, IReadOnlyList<DeskProblem> Problems)
{
    private static readonly (string, string)[] QualifierChoices = [("exact", "exactly"), ("at-least", "at least"), ("at-most", "at most"), ("range", "a range (number to max)")];
    private static readonly (string, string)[] ScopeChoices = [("victims", "victims"), ("perpetrators", "perpetrators"), ("part", "a part of the toll (kept as a note)")];
    private static readonly (string, string)[] LevelChoices = [("city", "town or city"), ("region", "region or province"), ("place", "a place (street, building)"), ("country", "country")];

    public string? Problem(string id) => Problems.FirstOrDefault(p => p.Anchor == id)?.Message;

    /// <summary>The choices of a field that has them (value, words), or null for a typed field.</summary>
    public static IReadOnlyList<(string Value, string Words)>? Options(SuggestionKind kind, string field) => field switch
    {
        "Qualifier" => QualifierChoices,
        "Scope" => ScopeChoices,
        "Level" => LevelChoices,
        "Status" => Choices<PersonStatus>(),
        "Type" when kind == SuggestionKind.AttackType => Choices<AttackType>(),
        "Type" => Choices<WeaponType>(),
        _ => null,
    };

    public static string Label(string field) => field switch
    {
        "Number" => "Number",
        "Max" => "Up to (for a range)",
        "Claimant" => "Claimed by",
        "Channel" => "Channel, as written",
        "Name" => "Name, as written",
        "Age" => "Age",
        "Nationality" => "Nationality, as written",
        "Status" => "Status",
        "Role" => "Role",
        "Date" => "Day (YYYY-MM-DD) or month (YYYY-MM)",
        "Level" => "Kind of place",
        "Country" => "Country code (ISO, two letters)",
        "Type" => "Type",
        "Detail" => "Detail, as written",
        _ => field,
    };

    public static int MaxLength(string field) => field switch
    {
        "Number" or "Max" or "Age" => 9,
        "Country" => 2,
        "Date" => 10,
        _ => Limits.NameLength,
    };

    private static (string, string)[] Choices<T>()
        where T : struct, Enum => [.. Enum.GetValues<T>().Select(v => (DeskText.Name(v), DeskText.Words(v)))];
}
