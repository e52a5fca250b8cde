using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Exchange;
using AttackTracker.Domain.Reports;
using static AttackTracker.Domain.Tests.TrebesSources;

namespace AttackTracker.Domain.Tests.Exchange;

/// <summary>The GTD's own rows as its files write them (issue 20, issue 21 item 14): every value its codebook defines is read or ignored, never refused.</summary>
public sealed class GtdImportTests
{
    internal static (GtdRow? Row, List<GtdRowError> Errors) Import(params (string Column, string? Value)[] cells)
    {
        var errors = new List<GtdRowError>();
        var all = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["eventid"] = "198507140003",
            ["iyear"] = "1985",
            ["imonth"] = "7",
            ["iday"] = "14",
            ["country"] = "359",
            ["country_txt"] = "Soviet Union",
        };
        foreach (var (column, value) in cells)
        {
            all[column] = value;
        }

        return (GtdImport.Read(9, all, "Global Terrorism Database", "2018-07", errors), errors);
    }

    private static T Fact<T>(GtdRow row) where T : Fact => row.Report.Facts!.OfType<T>().Single();

    [Fact]
    public void Numbers_as_pandas_writes_them_and_the_codebooks_unknowns_are_read_not_refused()
    {
        var (row, errors) = Import(
            ("iyear", "1985.0"), ("imonth", "7.0"), ("iday", "14.0"), ("country", "359.0"), ("nkill", "3.0"), ("nkillter", "-99"),
            ("nwound", "-9"), ("attacktype1", "3.0"), ("claimed", "-9"), ("nhostkid", "-99"), ("ishostkid", "-9"), ("claimmode", "-9"));
        Assert.Empty(errors);
        Assert.Equal("1985-07-14", row!.Incident.OccurredOn);
        var casualties = Fact<CasualtiesFact>(row);
        Assert.Equal((ReportedCount.Exact(3), null, null), (casualties.Killed, casualties.PerpetratorsKilled, casualties.Wounded));
        Assert.Equal([AttackType.BombingExplosion], Fact<AttackTypeFact>(row).AttackTypes);
    }

    [Theory]
    [InlineData("1", LocationPrecision.Exact)]
    [InlineData("2.0", LocationPrecision.District)]
    [InlineData("3", LocationPrecision.District)]
    [InlineData("4", LocationPrecision.Province)]
    [InlineData("5", LocationPrecision.Country)]
    [InlineData("-9", null)]
    [InlineData(null, null)]
    public void The_coordinates_keep_the_codebooks_specificity_as_their_precision_and_an_unknown_one_refuses_nothing(string? specificity, LocationPrecision? precision)
    {
        var (row, errors) = Import(("city", "Grozny"), ("latitude", "43.3178"), ("longitude", "45.6949"), ("specificity", specificity));
        Assert.Empty(errors);
        var location = Fact<LocationFact>(row!);
        Assert.Equal((43.3178, 45.6949, precision), (location.Lat!.Value, location.Lon!.Value, location.Precision));
    }

    [Theory]
    [InlineData("Soviet Union", "359", "SUHH", null)]
    [InlineData(null, "359", "SUHH", null)]
    [InlineData("Northern Ireland", "233", "GB", "Northern Ireland")]
    [InlineData(null, "238", "FR", "Corsica")]
    [InlineData("Atlantis", "499", "DDDE", null)]
    [InlineData("West Germany (FRG)", "362", "DE", null)]
    public void The_country_comes_from_its_name_else_its_number_and_a_part_of_a_country_is_its_region(string? name, string code, string country, string? region)
    {
        var (row, errors) = Import(("country_txt", name), ("country", code), ("city", "Unknown"), ("provstate", null));
        Assert.Empty(errors);
        Assert.Equal(country, row!.Incident.Country);
        Assert.Equal(region, row.Report.Facts!.OfType<LocationFact>().SingleOrDefault()?.Region);
        Assert.Equal(region ?? Countries.Name(country), row.Incident.Place);
    }

    [Fact]
    public void A_province_of_a_part_of_a_country_is_kept_beside_it()
    {
        var (row, _) = Import(("country_txt", "Northern Ireland"), ("provstate", "Antrim"), ("city", "Belfast"));
        Assert.Equal(("Belfast", "Antrim, Northern Ireland", "GB"), (Fact<LocationFact>(row!).City, Fact<LocationFact>(row!).Region, row!.Incident.Country));
    }

    [Theory]
    [InlineData("Atlantis", null, "country_txt")]
    [InlineData(null, "4242", "country")]
    [InlineData(null, null, "country_txt")]
    public void A_country_neither_name_nor_number_defines_is_refused_by_column(string? name, string? code, string column)
    {
        var (row, errors) = Import(("country_txt", name), ("country", code));
        Assert.Null(row);
        Assert.Equal(column, Assert.Single(errors).Column);
    }

    [Fact]
    public void Latitude_and_longitude_become_the_locations_coordinates_and_impossible_ones_are_a_note_not_a_refusal()
    {
        var (row, _) = Import(("city", "Moscow"), ("latitude", "55.752220"), ("longitude", "37.615560"));
        Assert.Equal((55.75222, 37.61556, "SUHH"), (Fact<LocationFact>(row!).Lat, Fact<LocationFact>(row!).Lon, Fact<LocationFact>(row!).Country));

        // The 0718 release holds one such row (a longitude of -86185896).
        var (odd, errors) = Import(("city", "Moscow"), ("latitude", "55.75"), ("longitude", "-86185896.0"));
        Assert.Empty(errors);
        Assert.Equal((null, null), (Fact<LocationFact>(odd!).Lat, Fact<LocationFact>(odd!).Lon));
        Assert.Contains(odd!.Report.Facts!.OfType<NoteFact>(), n => n.Text.Contains("-86185896.0", StringComparison.Ordinal));
    }

    [Fact]
    public void Targets_weapons_groups_hostages_and_notes_keep_what_the_row_says()
    {
        var (row, errors) = Import(
            ("targtype1", "3"), ("target1", "Police station"), ("targtype2", "14"), ("target2", new string('x', 400)),
            ("weaptype1", "6"), ("weapsubtype1_txt", "Vehicle"), ("weaptype2", "5"), ("weapsubtype2_txt", "Unknown"),
            ("gname", "Group A"), ("claimed", "1"), ("claimmode", "7"), ("gname2", "Group B"), ("claim2", "0"),
            ("ishostkid", "1"), ("nhostkid", "4"), ("motive", "Revenge."), ("weapdetail", "A truck bomb."), ("scite1", "\"Title,\" Paper, 1985."));
        Assert.Empty(errors);
        var facts = row!.Report.Facts!;
        Assert.Equal([(TargetType.Police, "Police station"), (TargetType.PrivateCitizensProperty, null)], facts.OfType<TargetFact>().Select(t => (t.TargetType, t.Detail)));
        Assert.Equal([(WeaponType.Explosives, "Vehicle"), (WeaponType.Firearms, null)], facts.OfType<WeaponFact>().Select(w => (w.WeaponType, w.Detail)));
        Assert.Equal(("Group A", ClaimMode.WebsiteOrSocialMedia), (Fact<ClaimFact>(row).Claimant, Fact<ClaimFact>(row).Mode));
        Assert.Equal("Group B", Fact<PerpetratorFact>(row).Affiliation);
        Assert.Equal(ReportedCount.Exact(4), Fact<CasualtiesFact>(row).Hostages);
        Assert.Equal(
            ["Target: " + new string('x', 400), "Motive: Revenge.", "Weapon details: A truck bomb.", "Source cited: \"Title,\" Paper, 1985."],
            facts.OfType<NoteFact>().Select(n => n.Text));
    }

    [Fact]
    public void The_exports_coordinates_and_country_number_come_from_the_location_facts()
    {
        var stream = new IncidentStreamBuilder().Open(country: "DDDE");
        stream.Report(LongWarJournal, Day(3, 23),
            new LocationFact { Role = "region", Region = "Berlin" },
            new LocationFact { City = "East Berlin", Country = "DDDE", Lat = 52.5, Lon = 13.4 });
        var row = GtdCodebook.Columns.Zip(GtdExport.Row(stream.View(), stream.Fold())).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        Assert.Equal(("499", "East Germany (GDR)", "DDDE"), (row["country"], row["country_txt"], row["country_iso2"]));
        Assert.Equal(("East Berlin", "52.5", "13.4"), (row["city"], row["latitude"], row["longitude"]));
    }
}
