using AttackTracker.Domain.Exchange;

namespace AttackTracker.Benchmarks;

/// <summary>
/// ACLED rows in its export's 31 columns (issue 23): event types and sub-event types as ACLED names
/// them, actors with their types in words, ISO numeric codes, admin areas and points with their
/// precision, notes with commas and quotes, timestamps; bad rows in timestamp, fatalities,
/// event_date or geo_precision.
/// </summary>
public sealed class AcledGenerator(int seed = 1, double badShare = 0.01) : DatasetGenerator(seed, badShare)
{
    private static readonly (string Disorder, string Event, string Sub, bool Civilians)[] Events =
    [
        ("Political violence", "Battles", "Armed clash", false),
        ("Political violence", "Explosions/Remote violence", "Remote explosive/landmine/IED", false),
        ("Political violence", "Explosions/Remote violence", "Suicide bomb", true),
        ("Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack", false),
        ("Political violence", "Violence against civilians", "Attack", true),
        ("Political violence", "Violence against civilians", "Abduction/forced disappearance", true),
        ("Demonstrations", "Riots", "Mob violence", true),
        ("Strategic developments", "Strategic developments", "Looting/property destruction", false),
    ];

    public override IReadOnlyList<string> Columns => AcledImport.Columns;

    protected override Dictionary<string, string> Row(int index)
    {
        var site = Pick(Sites);
        var kind = Pick(Events);
        var day = Day(2018, 2024);
        var (lat, lon) = Near(site);
        var (actor2, inter2) = kind.Civilians ? ($"Civilians ({site.Country})", "Civilians") : ($"Military Forces of {site.Country}", "State forces");
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["event_id_cnty"] = $"{site.Iso3}{index + 1}",
            ["event_date"] = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["year"] = N(day.Year),
            ["time_precision"] = N(Random.NextDouble() switch { < 0.85 => 1, < 0.95 => 2, _ => 3 }),
            ["disorder_type"] = kind.Disorder,
            ["event_type"] = kind.Event,
            ["sub_event_type"] = kind.Sub,
            ["actor1"] = Pick(site.Groups),
            ["inter1"] = "Rebel group",
            ["actor2"] = actor2,
            ["assoc_actor_2"] = kind.Civilians && Random.NextDouble() < 0.3 ? $"Farmers ({site.Country}); Women ({site.Country})" : string.Empty,
            ["inter2"] = inter2,
            ["interaction"] = $"Rebel group-{inter2}",
            ["civilian_targeting"] = kind.Civilians ? "Civilian targeting" : string.Empty,
            ["iso"] = N(site.IsoNumeric),
            ["region"] = "Western Africa",
            ["country"] = site.Country,
            ["admin1"] = site.Province,
            ["admin2"] = site.District,
            ["location"] = site.Town,
            ["latitude"] = lat,
            ["longitude"] = lon,
            ["geo_precision"] = N(Random.NextDouble() switch { < 0.7 => 1, < 0.9 => 2, _ => 3 }),
            ["source"] = "Example Wire; Other Daily",
            ["source_scale"] = "National",
            ["notes"] = $"On {day:d MMMM yyyy}, fighters attacked near {site.Town}, \"witnesses said\". Row {index}.",
            ["fatalities"] = N(Toll()),
            ["tags"] = Random.NextDouble() < 0.1 ? "crowd size=no report" : string.Empty,
            ["timestamp"] = N(new DateTimeOffset(day.AddDays(Random.Next(1, 60)).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds() + Random.Next(86_400)),
        };
    }

    protected override GtdBadRow Spoil(Dictionary<string, string> row)
    {
        var (column, value) = Random.Next(4) switch
        {
            0 => ("timestamp", "yesterday"),
            1 => ("fatalities", "about 5"),
            2 => ("event_date", "2023-13-01"),
            _ => ("geo_precision", "4"),
        };
        row[column] = value;
        return new GtdBadRow(row["event_id_cnty"], column);
    }
}
