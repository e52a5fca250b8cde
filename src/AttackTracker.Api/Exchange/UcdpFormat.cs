using AttackTracker.Domain.Exchange;

namespace AttackTracker.Api.Exchange;

/// <summary>UCDP's Georeferenced Event Dataset as UCDP publishes it (docs/datasets.md): each event opens its incident, each row is one report of the release.</summary>
public sealed class UcdpFormat : ImportFormat
{
    public const string FormatName = "ucdp";

    public override string Name => FormatName;

    public override string KeyColumn => "id";

    protected override GtdRow? Map(int line, IReadOnlyDictionary<string, string?> cells, ImportRequest request, List<GtdRowError> errors, ImportPass pass) =>
        UcdpImport.Read(line, cells, request.Source, request.Release, errors);

    protected override string Column(string path) => Column(
        path,
        ("title", "dyad_name"),
        ("occurredOn", "date_start"),
        ("country", "country"),
        ("place", "where_coordinates"),
        ("perpetratorsKilled", "deaths_a"),
        ("killed", "best"),
        ("affiliation", "side_a"),
        ("detail", "side_b"),
        ("region", "adm_1"),
        ("description", "date_start"));
}
