using AttackTracker.Domain.Exchange;

namespace AttackTracker.Api.Exchange;

/// <summary>
/// The RAND Database of Worldwide Terrorism Incidents as RAND published it (docs/datasets.md). Its
/// rows have no id: a row is named by its date and content, and identical rows of one file by
/// their order, so the pass counts them, the rows a resumed run skips included.
/// </summary>
public sealed class RandFormat : ImportFormat
{
    public const string FormatName = "rand";

    public override string Name => FormatName;

    public override string KeyColumn => "Date";

    public override bool RemembersRows => true;

    public override void Skip(IReadOnlyDictionary<string, string?> cells, ImportPass pass)
    {
        ArgumentNullException.ThrowIfNull(pass);
        if (RandImport.Identity(cells) is { } identity)
        {
            pass.Occurrence(identity);
        }
    }

    protected override GtdRow? Map(int line, IReadOnlyDictionary<string, string?> cells, ImportRequest request, List<GtdRowError> errors, ImportPass pass) =>
        RandImport.Read(line, cells, request.Source, request.Release, RandImport.Identity(cells) is { } identity ? pass.Occurrence(identity) : 1, errors);

    protected override string Column(string path) => Column(
        path,
        ("title", "City"),
        ("occurredOn", "Date"),
        ("country", "Country"),
        ("place", "City"),
        ("summary", "Description"),
        ("killed", "Fatalities"),
        ("wounded", "Injuries"),
        ("affiliation", "Perpetrator"),
        ("detail", "Weapon"),
        ("city", "City"));
}
