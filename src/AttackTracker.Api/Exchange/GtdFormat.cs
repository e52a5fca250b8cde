using AttackTracker.Domain.Exchange;

namespace AttackTracker.Api.Exchange;

/// <summary>
/// GTD-shaped rows (the export's columns, or the GTD's own in its 0718 and 2020 releases;
/// docs/export.md): each opens its incident (or finds it by eventid) and becomes one report from
/// the data set's release.
/// </summary>
public sealed class GtdFormat : ImportFormat
{
    public const string FormatName = "gtd";

    public override string Name => FormatName;

    public override string KeyColumn => "eventid";

    protected override GtdRow? Map(int line, IReadOnlyDictionary<string, string?> cells, ImportRequest request, List<GtdRowError> errors, ImportPass pass) =>
        GtdImport.Read(line, cells, request.Source, request.Release, errors);

    protected override string Column(string path) => path switch
    {
        "title" => "title",
        "occurredOn" => "iyear",
        "country" => "country_iso2",
        "place" => "city",
        "summary" => "summary",
        _ when path.Contains("killed", StringComparison.OrdinalIgnoreCase) => "nkill",
        _ when path.Contains("wounded", StringComparison.OrdinalIgnoreCase) => "nwound",
        _ when path.Contains("claimant", StringComparison.Ordinal) || path.Contains("affiliation", StringComparison.Ordinal) => "gname",
        _ when path.Contains("city", StringComparison.Ordinal) => "city",
        _ when path.Contains("region", StringComparison.Ordinal) => "provstate",
        _ => path,
    };
}
