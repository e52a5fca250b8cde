using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Exchange;
using AttackTracker.Domain.Reports;

namespace AttackTracker.Domain.Tests.Exchange;

/// <summary>UCDP GED rows as UCDP writes them (issue 23): low–best–high as the killed range, sides as parties or targets, dates and places with their precision.</summary>
public sealed class UcdpImportTests
{
    internal static (GtdRow? Row, List<GtdRowError> Errors) Import(params (string Column, string? Value)[] cells)
    {
        var all = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["id"] = "244657",
            ["relid"] = "NGA-2017-3-286-51",
            ["year"] = "2017",
            ["type_of_violence"] = "3",
            ["conflict_new_id"] = "533",
            ["conflict_name"] = "Jama'atu Ahlis Sunna Lidda'awati wal-Jihad - Civilians",
            ["dyad_new_id"] = "1066",
            ["dyad_name"] = "Jama'atu Ahlis Sunna Lidda'awati wal-Jihad - Civilians",
            ["side_a_new_id"] = "1066",
            ["side_a"] = "Jama'atu Ahlis Sunna Lidda'awati wal-Jihad",
            ["side_b_new_id"] = "1",
            ["side_b"] = "Civilians",
            ["number_of_sources"] = "2",
            ["source_article"] = "\"Reuters,2017-06-08,Suicide bombers kill 3 in Maiduguri\"",
            ["where_prec"] = "1",
            ["where_coordinates"] = "Maiduguri town",
            ["adm_1"] = "Borno state",
            ["adm_2"] = "Maiduguri LGA",
            ["latitude"] = "11.846440",
            ["longitude"] = "13.160270",
            ["country"] = "Nigeria",
            ["country_id"] = "475",
            ["event_clarity"] = "1",
            ["date_prec"] = "1",
            ["date_start"] = "2017-06-07 00:00:00.000",
            ["date_end"] = "2017-06-07 00:00:00.000",
            ["deaths_a"] = "2",
            ["deaths_b"] = "0",
            ["deaths_civilians"] = "12",
            ["deaths_unknown"] = "0",
            ["best"] = "14",
            ["high"] = "17",
            ["low"] = "14",
        };
        foreach (var (column, value) in cells)
        {
            all[column] = value;
        }

        var errors = new List<GtdRowError>();
        return (UcdpImport.Read(5, all, "UCDP GED", "2024-06", errors), errors);
    }

    private static T Fact<T>(GtdRow row) where T : Fact => row.Report.Facts!.OfType<T>().Single();

    [Fact]
    public void One_sided_violence_has_side_A_as_the_perpetrator_its_dead_apart_and_the_civilians_as_the_target()
    {
        var (row, errors) = Import();

        Assert.Empty(errors);
        Assert.Equal(("2017-06-07", "NG", "Maiduguri town"), (row!.Incident.OccurredOn, row.Incident.Country, row.Incident.Place));
        var casualties = Fact<CasualtiesFact>(row);
        Assert.Equal((ReportedCount.Between(12, 15), ReportedCount.Exact(2)), (casualties.Killed, casualties.PerpetratorsKilled));
        Assert.Equal("best 14, low 14, high 17 (side A 2, side B 0, civilians 12, unknown 0)", casualties.Quote);
        Assert.Equal(("group", "Jama'atu Ahlis Sunna Lidda'awati wal-Jihad"), (Fact<PerpetratorFact>(row).Key, Fact<PerpetratorFact>(row).Affiliation));
        Assert.Equal((TargetType.PrivateCitizensProperty, "Civilians"), (Fact<TargetFact>(row).TargetType, Fact<TargetFact>(row).Detail));
        var location = Fact<LocationFact>(row);
        Assert.Equal(("Maiduguri town", "Maiduguri LGA, Borno state", "NG", 11.84644, 13.16027, LocationPrecision.Exact), (location.Place, location.Region, location.Country, location.Lat!.Value, location.Lon!.Value, location.Precision!.Value));
        Assert.Equal("UCDP GED 2024-06, event 244657", row.Report.Title![..30]);
        Assert.Equal(UcdpImport.IncidentId("244657"), row.IncidentId);
    }

    [Fact]
    public void The_data_sets_ids_and_spellings_stay_on_the_report_word_for_word()
    {
        var notes = Import().Row!.Report.Facts!.OfType<NoteFact>().Select(n => n.Text).ToList();

        Assert.Contains(notes, n => n.StartsWith("UCDP ids: id 244657; relid NGA-2017-3-286-51; conflict 533, Jama'atu", StringComparison.Ordinal) && n.Contains("side A 1066, Jama'atu Ahlis Sunna Lidda'awati wal-Jihad", StringComparison.Ordinal));
        Assert.Contains("UCDP GED: type of violence 3 (one-sided violence), event clarity 1 (clear: the event is fully identified), 2 sources consulted", notes);
        Assert.Contains("Source cited: \"Reuters,2017-06-08,Suicide bombers kill 3 in Maiduguri\"", notes);
    }

    [Fact]
    public void In_a_state_based_conflict_both_sides_are_parties_and_every_death_counts()
    {
        var (row, errors) = Import(("type_of_violence", "1"), ("side_a", "Government of Nigeria"), ("side_b", "Jama'atu Ahlis Sunna Lidda'awati wal-Jihad"), ("low", "9"), ("high", "20"));

        Assert.Empty(errors);
        Assert.Equal(["Government of Nigeria", "Jama'atu Ahlis Sunna Lidda'awati wal-Jihad"], row!.Report.Facts!.OfType<PerpetratorFact>().Select(p => p.Affiliation));
        Assert.Equal(["group", "group-2"], row.Report.Facts!.OfType<PerpetratorFact>().Select(p => p.Key));
        Assert.Equal((ReportedCount.Between(9, 20), null), (Fact<CasualtiesFact>(row).Killed, Fact<CasualtiesFact>(row).PerpetratorsKilled));
        Assert.Empty(row.Report.Facts!.OfType<TargetFact>());
    }

    [Fact]
    public void A_non_state_conflict_targets_a_non_state_militia_and_low_equal_to_high_is_exact()
    {
        var (row, _) = Import(("type_of_violence", "2"), ("side_b", "Fulani"), ("low", "14"), ("high", "14"));

        Assert.Equal(TargetType.TerroristsNonStateMilitia, Fact<TargetFact>(row!).TargetType);
        Assert.Equal(ReportedCount.Exact(14), Fact<CasualtiesFact>(row!).Killed);
    }

    [Fact]
    public void A_span_of_days_files_the_incident_under_the_month_and_says_which_days()
    {
        var (row, _) = Import(("date_prec", "2"), ("date_start", "2017-06-05 00:00:00.000"), ("date_end", "2017-06-09 00:00:00.000"));

        Assert.Equal("2017-06", row!.Incident.OccurredOn);
        var timeline = Fact<TimelineFact>(row);
        Assert.Equal(("2017-06-05", true), (timeline.At.ToString(), timeline.Approximate!.Value));
        Assert.Equal("The event happened between 2017-06-05 and 2017-06-09 (date_prec 2: known within two to six days).", timeline.Description);
    }

    [Theory]
    [InlineData("where_prec", "2", LocationPrecision.Near)]
    [InlineData("where_prec", "4", LocationPrecision.Province)]
    [InlineData("where_prec", "6", LocationPrecision.Country)]
    [InlineData("where_prec", "7", LocationPrecision.International)]
    public void The_place_keeps_its_precision(string column, string value, LocationPrecision precision) =>
        Assert.Equal(precision, Fact<LocationFact>(Import((column, value)).Row!).Precision);

    [Theory]
    [InlineData("DR Congo (Zaire)", null, "CD")]
    [InlineData("Yemen (North Yemen)", null, "YE")]
    [InlineData("Kingdom of eSwatini (Swaziland)", null, "SZ")]
    [InlineData("Russia (Soviet Union)", null, "RU")]
    [InlineData(null, "475", "NG")]
    [InlineData(null, "347", "XK")]
    [InlineData("Nowhere", "652", "SY")]
    public void The_country_is_read_from_UCDPs_names_either_part_of_them_or_the_Gleditsch_Ward_number(string? name, string? code, string country) =>
        Assert.Equal(country, Import(("country", name), ("country_id", code)).Row!.Incident.Country);

    [Theory]
    [InlineData("low", "15", "low")]
    [InlineData("high", "13", "high")]
    [InlineData("deaths_a", "15", "deaths_a")]
    [InlineData("best", "dozens", "best")]
    [InlineData("date_start", "07/06/2017", "date_start")]
    [InlineData("date_end", "2017-06-01", "date_end")]
    [InlineData("type_of_violence", "4", "type_of_violence")]
    [InlineData("type_of_violence", null, "type_of_violence")]
    [InlineData("where_prec", "9", "where_prec")]
    [InlineData("country", "Atlantis", "country")]
    [InlineData("id", null, "id")]
    public void A_cell_that_cannot_be_read_is_refused_by_its_column(string column, string? value, string named)
    {
        var (row, errors) = Import((column, value), ("country_id", column == "country" ? null : "475"));

        Assert.Null(row);
        Assert.Contains(errors, e => e.Line == 5 && e.Column == named);
    }

    [Fact]
    public void Impossible_coordinates_are_left_out_and_the_row_says_so()
    {
        var (row, errors) = Import(("latitude", "118.5"));

        Assert.Empty(errors);
        Assert.Null(Fact<LocationFact>(row!).Lat);
        Assert.Contains(row!.Report.Facts!.OfType<NoteFact>(), n => n.Text.Contains("latitude 118.5", StringComparison.Ordinal));
    }
}
