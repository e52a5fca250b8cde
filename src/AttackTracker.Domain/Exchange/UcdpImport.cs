using System.Globalization;
using AttackTracker.Domain.Reports;

namespace AttackTracker.Domain.Exchange;

/// <summary>
/// Reads UCDP's Georeferenced Event Dataset as UCDP publishes it (GEDEvent_vNN_1.csv, 49 columns;
/// docs/datasets.md): each event is an incident, each row a report of the release.
/// </summary>
public static class UcdpImport
{
    private static readonly Guid Namespace = new("0b6b2f8e-3c55-4d1a-9a7e-51f1c2d9e8a3");

    /// <summary>The GED's columns in the order of its CSV (versions 22.1 to 25.1); the import finds them by name.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id", "conflict_new_id",
        "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a",
        "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
        "source_date", "source_headline", "source_original", "where_prec", "where_coordinates", "where_description",
        "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
        "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
        "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob",
    ];

    /// <summary>The GED codebook's date_prec: how far the dates pin the event down.</summary>
    private static readonly string[] DatePrecisions =
    [
        "the exact date is known", "known within two to six days", "only the week is known",
        "known within 8 to 30 days, or only the month", "known within more than 30 days, or only the year",
    ];

    private static readonly string[] Violence = ["state-based conflict", "non-state conflict", "one-sided violence"];

    /// <summary>A GED event id names its incident stably, apart from every other data set's ids.</summary>
    public static Guid IncidentId(string id) => StableId.For(Namespace, id);

    public static GtdRow? Read(int line, IReadOnlyDictionary<string, string?> cells, string dataset, string release, List<GtdRowError> errors)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var row = new DatasetRow(line, cells, errors);
        var id = row.Key("id");
        var violence = row.Number("type_of_violence", 1, 3);
        if (violence is null && row.Text("type_of_violence") is null)
        {
            row.Fail("type_of_violence", "is required: 1 state-based conflict, 2 non-state conflict, 3 one-sided violence.");
        }

        var occurredOn = When(row);
        var country = Country(row);
        var (sideA, sideB) = (row.Text("side_a"), row.Text("side_b"));
        var perpetrators = UcdpSides.Read(row, violence, sideA, sideB);
        UcdpSides.Deaths(row, violence, perpetrators);
        var place = Where(row, country);
        row.Note("UCDP ids", Identifiers(row));
        row.Note("UCDP GED", About(row, violence));
        row.Note("Source cited", row.Text("source_article"));
        row.Note("Headline", row.Text("source_headline"));
        row.Note("Sources", DatasetRow.Join(
            row.Text("source_office") is { } office ? $"office {office}" : null,
            row.Text("source_date") is { } dated ? $"dated {dated}" : null,
            row.Text("source_original") is { } original ? $"originally from {original}" : null));
        if (id is null)
        {
            return null;
        }

        var title = $"{dataset} event {id}: {row.Text("dyad_name") ?? row.Text("conflict_name") ?? (violence is { } v ? Violence[v - 1] : "organized violence")}";
        return row.Build(
            new RowIncident(id, IncidentId(id), title, occurredOn, country, place, null),
            dataset,
            GtdImport.ReportTitle(dataset, release, id, cells),
            release);
    }

    /// <summary>The incident's date from date_start and date_end; a span is a period holding it, and a timeline entry says which days.</summary>
    private static string? When(DatasetRow row)
    {
        var (startText, endText) = (row.Text("date_start"), row.Text("date_end"));
        var start = startText is null ? null : DatasetDates.Iso(startText);
        var end = endText is null ? start : DatasetDates.Iso(endText);
        var precision = row.Number("date_prec", 1, 5);
        if (startText is null)
        {
            row.Fail("date_start", "is required.");
        }
        else if (start is null)
        {
            row.Fail("date_start", $"'{startText}' is not a date (YYYY-MM-DD, as UCDP writes it, with or without 00:00:00.000).");
        }

        if (endText is not null && DatasetDates.Iso(endText) is null)
        {
            row.Fail("date_end", $"'{endText}' is not a date (YYYY-MM-DD, as UCDP writes it, with or without 00:00:00.000).");
            return null;
        }

        if (start is not { } first || end is not { } last)
        {
            return null;
        }

        if (last < first)
        {
            row.Fail("date_end", $"is before date_start ({DatasetDates.Day(first)}).");
            return null;
        }

        if (last > first)
        {
            var meaning = precision is { } p ? $" (date_prec {p.ToString(CultureInfo.InvariantCulture)}: {DatePrecisions[p - 1]})" : string.Empty;
            row.Facts.Add(new TimelineFact
            {
                At = new ReportedTime(new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), TimePrecision.Day),
                Approximate = true,
                Description = $"The event happened between {DatasetDates.Day(first)} and {DatasetDates.Day(last)}{meaning}.",
            });
        }

        return DatasetDates.Covering(first, last, row.Number("year", 1, 9999));
    }

    private static string? Country(DatasetRow row)
    {
        var name = row.Text("country");
        if (name is not null && DatasetCountries.ByName(name) is { } named)
        {
            return named.Country;
        }

        var code = row.Number("country_id", 1, 9999);
        if (code is { } gw && DatasetCountries.ByGleditschWard(gw) is { } coded)
        {
            return coded;
        }

        if (name is not null)
        {
            row.Fail("country", $"'{name}' is not a country name this import knows; a country_id (Gleditsch–Ward) it knows would do.");
        }
        else if (code is not null)
        {
            row.Fail("country_id", $"{code} is not a Gleditsch–Ward state number this import knows; add the country's name.");
        }
        else if (row.Text("country_id") is null)
        {
            row.Fail("country", "is required (or country_id, the Gleditsch–Ward number).");
        }

        return null;
    }

    /// <summary>The location fact (place, administrative divisions, the point and its precision); the incident's place.</summary>
    private static string Where(DatasetRow row, string? country)
    {
        var place = row.Text("where_coordinates");
        var region = DatasetRow.Join(row.Text("adm_2"), row.Text("adm_1"));
        var point = row.Cells.Coordinates("latitude", "longitude", row.Notes);
        var precision = row.Number("where_prec", 1, 7) switch
        {
            1 => LocationPrecision.Exact,
            2 => LocationPrecision.Near,
            3 => LocationPrecision.District,
            4 => LocationPrecision.Province,
            5 => LocationPrecision.Area,
            6 => LocationPrecision.Country,
            7 => LocationPrecision.International,
            _ => (LocationPrecision?)null,
        };
        if (place is not null || region is not null || point is not null || country is not null)
        {
            row.Facts.Add(new LocationFact
            {
                Place = row.Detail("Place", place),
                Region = row.Detail("Region", region),
                Country = country,
                Lat = point?.Lat,
                Lon = point?.Lon,
                Precision = point is null ? null : precision,
            });
        }

        row.Note("Location", row.Text("where_description"));
        return place ?? row.Text("adm_2") ?? row.Text("adm_1") ?? (country is null ? "Unknown" : Countries.Name(country));
    }

    /// <summary>The event's type of violence, clarity and sources consulted, as the GED codes them.</summary>
    private static string? About(DatasetRow row, int? violence)
    {
        var clarity = row.Number("event_clarity", 1, 2) switch
        {
            1 => "event clarity 1 (clear: the event is fully identified)",
            2 => "event clarity 2 (unclear: the reports do not identify it fully)",
            _ => null,
        };
        var sources = row.Number("number_of_sources", 0, 10_000) is { } count ? $"{count.ToString(CultureInfo.InvariantCulture)} sources consulted" : null;
        var type = violence is { } v ? $"type of violence {v.ToString(CultureInfo.InvariantCulture)} ({Violence[v - 1]})" : null;
        return DatasetRow.Join(type, clarity, sources);
    }

    /// <summary>The GED's own ids and names, word for word: they link this report to UCDP's other data sets.</summary>
    private static string? Identifiers(DatasetRow row)
    {
        var parts = new List<string>();
        Add("id", "id");
        Add("relid", "relid");
        Add("conflict", "conflict_new_id", "conflict_name");
        Add("dyad", "dyad_new_id", "dyad_name");
        Add("side A", "side_a_new_id", "side_a");
        Add("side B", "side_b_new_id", "side_b");
        return parts.Count == 0 ? null : string.Join("; ", parts);

        void Add(string label, string idColumn, string? nameColumn = null)
        {
            var text = DatasetRow.Join(row.Text(idColumn), nameColumn is null ? null : row.Text(nameColumn));
            if (text is not null)
            {
                parts.Add($"{label} {text}");
            }
        }
    }
}
