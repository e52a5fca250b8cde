using AttackTracker.Domain.Exchange;

namespace AttackTracker.Benchmarks;

/// <summary>
/// UCDP GED rows in the GEDEvent CSV's 49 columns (issue 23): the three types of violence, sides by
/// their ids and names, low–best–high with the deaths of each side adding up to best, dates with
/// their precision (spans of days for the less precise), places with theirs, source texts with
/// commas and quotes; bad rows in best, date_start, type_of_violence or country.
/// </summary>
public sealed class UcdpGenerator(int seed = 1, double badShare = 0.01) : DatasetGenerator(seed, badShare)
{
    public override IReadOnlyList<string> Columns => UcdpImport.Columns;

    protected override Dictionary<string, string> Row(int index)
    {
        var site = Pick(Sites);
        var type = Random.NextDouble() switch { < 0.5 => 1, < 0.75 => 2, _ => 3 };
        var (sideA, sideB) = type switch
        {
            1 => ($"Government of {site.Country}", site.Groups[0]),
            2 => (site.Groups[0], site.Groups[^1] == site.Groups[0] ? "Local militia" : site.Groups[^1]),
            _ => (Pick(site.Groups), "Civilians"),
        };
        var start = Day(1989, 2023);
        var datePrecision = Random.NextDouble() switch { < 0.75 => 1, < 0.85 => 2, < 0.9 => 3, < 0.95 => 4, _ => 5 };
        var end = start.AddDays(datePrecision switch { 1 => 0, 2 => Random.Next(1, 6), 3 => 6, 4 => Random.Next(8, 30), _ => Random.Next(31, 200) });
        var (a, b, civilians, unknown) = (Toll(), type == 3 ? 0 : Toll(), type == 3 ? Toll() + 1 : Random.Next(3), Random.Next(2));
        var best = a + b + civilians + unknown;
        var (lat, lon) = Near(site);
        var id = index + 1;
        var row = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["id"] = N(id),
            ["relid"] = $"{site.Iso3}-{start.Year}-{type}-{id % 900}-{id % 97}",
            ["year"] = N(start.Year),
            ["active_year"] = "1",
            ["code_status"] = "Clear",
            ["type_of_violence"] = N(type),
            ["conflict_dset_id"] = N(200 + site.GleditschWard),
            ["conflict_new_id"] = N(200 + site.GleditschWard),
            ["conflict_name"] = type == 1 ? $"{site.Country}: Government" : $"{sideA} - {sideB}",
            ["dyad_dset_id"] = N(800 + site.GleditschWard),
            ["dyad_new_id"] = N(800 + site.GleditschWard),
            ["dyad_name"] = $"{sideA} - {sideB}",
            ["side_a_dset_id"] = N(site.GleditschWard),
            ["side_a_new_id"] = N(site.GleditschWard),
            ["side_a"] = sideA,
            ["side_b_dset_id"] = N(1000 + site.GleditschWard),
            ["side_b_new_id"] = N(1000 + site.GleditschWard),
            ["side_b"] = sideB,
            ["number_of_sources"] = N(Random.Next(1, 6)),
            ["source_article"] = $"\"Example Wire,{start:yyyy-MM-dd},Fighting near {site.Town}, \"\"officials said\"\"\";\"Other Daily,{end:yyyy-MM-dd},Toll rises\"",
            ["source_office"] = "Example Wire;Other Daily",
            ["source_date"] = $"{start:yyyy-MM-dd};{end:yyyy-MM-dd}",
            ["source_headline"] = $"Fighting near {site.Town};Toll rises",
            ["source_original"] = "local officials",
            ["where_prec"] = N(Random.NextDouble() switch { < 0.6 => 1, < 0.75 => 2, < 0.85 => 3, < 0.95 => 4, _ => 6 }),
            ["where_coordinates"] = $"{site.Town} town",
            ["where_description"] = $"near {site.Town}",
            ["adm_1"] = $"{site.Province} province",
            ["adm_2"] = $"{site.District} district",
            ["latitude"] = lat,
            ["longitude"] = lon,
            ["geom_wkt"] = $"POINT ({lon} {lat})",
            ["priogrid_gid"] = N(100_000 + (id % 150_000)),
            ["country"] = site.Country,
            ["country_id"] = N(site.GleditschWard),
            ["region"] = "Africa",
            ["event_clarity"] = Random.NextDouble() < 0.9 ? "1" : "2",
            ["date_prec"] = N(datePrecision),
            ["date_start"] = $"{start:yyyy-MM-dd} 00:00:00.000",
            ["date_end"] = $"{end:yyyy-MM-dd} 00:00:00.000",
            ["deaths_a"] = N(a),
            ["deaths_b"] = N(b),
            ["deaths_civilians"] = N(civilians),
            ["deaths_unknown"] = N(unknown),
            ["best"] = N(best),
            ["high"] = N(best + Random.Next(0, 4)),
            ["low"] = N(Math.Max(a, best - Random.Next(0, 3))),
            ["gwnoa"] = type == 1 ? N(site.GleditschWard) : string.Empty,
            ["gwnob"] = string.Empty,
        };
        return row;
    }

    protected override GtdBadRow Spoil(Dictionary<string, string> row)
    {
        var (column, value) = Random.Next(4) switch
        {
            0 => ("best", "lots"),
            1 => ("date_start", "31/02/2017"),
            2 => ("type_of_violence", "4"),
            _ => ("country", "Atlantis"),
        };
        row[column] = value;
        if (column == "country")
        {
            row.Remove("country_id");
        }

        return new GtdBadRow(row["id"], column);
    }
}
