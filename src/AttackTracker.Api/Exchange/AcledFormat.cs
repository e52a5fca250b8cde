using AttackTracker.Domain.Exchange;

namespace AttackTracker.Api.Exchange;

/// <summary>
/// ACLED's events as exported (docs/datasets.md): each event opens its incident; each version of a
/// row (its timestamp) is a report that supersedes the row's earlier versions, and a full export
/// imported with withdrawMissing withdraws the rows it lacks.
/// </summary>
public sealed class AcledFormat : ImportFormat
{
    public const string FormatName = "acled";

    public override string Name => FormatName;

    public override string KeyColumn => "event_id_cnty";

    public override bool Versioned => true;

    public override RowCoverage? Coverage(IReadOnlyDictionary<string, string?> cells) => AcledImport.Coverage(cells);

    protected override GtdRow? Map(int line, IReadOnlyDictionary<string, string?> cells, ImportRequest request, List<GtdRowError> errors, ImportPass pass) =>
        AcledImport.Read(line, cells, request.Source, errors);

    protected override string Column(string path) => Column(
        path,
        ("title", "sub_event_type"),
        ("occurredOn", "event_date"),
        ("country", "country"),
        ("place", "location"),
        ("summary", "notes"),
        ("publishedAt", "timestamp"),
        ("killed", "fatalities"),
        ("affiliation", "actor1"),
        ("detail", "actor2"),
        ("city", "location"),
        ("region", "admin1"),
        ("description", "event_date"));
}
