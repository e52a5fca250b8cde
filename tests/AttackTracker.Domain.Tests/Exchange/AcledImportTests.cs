using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Exchange;
using AttackTracker.Domain.Reports;

namespace AttackTracker.Domain.Tests.Exchange;

/// <summary>ACLED rows as exported (issue 23): versions by timestamp, actors as parties or targets, sub-event types as the GTD's types.</summary>
public sealed class AcledImportTests
{
    internal static Dictionary<string, string?> Cells(params (string Column, string? Value)[] cells)
    {
        var all = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["event_id_cnty"] = "NIG31234",
            ["event_date"] = "2023-02-16",
            ["year"] = "2023",
            ["time_precision"] = "1",
            ["disorder_type"] = "Political violence",
            ["event_type"] = "Explosions/Remote violence",
            ["sub_event_type"] = "Suicide bomb",
            ["actor1"] = "JAS: Jama'atu Ahlis Sunna Lidda'awati wal-Jihad",
            ["assoc_actor_1"] = string.Empty,
            ["inter1"] = "Rebel group",
            ["actor2"] = "Civilians (Nigeria)",
            ["assoc_actor_2"] = "Farmers (Nigeria)",
            ["inter2"] = "Civilians",
            ["interaction"] = "Rebel group-Civilians",
            ["civilian_targeting"] = "Civilian targeting",
            ["iso"] = "566",
            ["region"] = "Western Africa",
            ["country"] = "Nigeria",
            ["admin1"] = "Borno",
            ["admin2"] = "Konduga",
            ["admin3"] = string.Empty,
            ["location"] = "Konduga",
            ["latitude"] = "11.6530",
            ["longitude"] = "13.4180",
            ["geo_precision"] = "1",
            ["source"] = "Premium Times",
            ["source_scale"] = "National",
            ["notes"] = "On 16 February 2023, a suicide bomber killed 4 civilians in Konduga.",
            ["fatalities"] = "4",
            ["tags"] = string.Empty,
            ["timestamp"] = "1676900000",
        };
        foreach (var (column, value) in cells)
        {
            all[column] = value;
        }

        return all;
    }

    private static (GtdRow? Row, List<GtdRowError> Errors) Import(params (string Column, string? Value)[] cells)
    {
        var errors = new List<GtdRowError>();
        return (AcledImport.Read(4, Cells(cells), "ACLED", errors), errors);
    }

    [Fact]
    public void A_row_is_its_event_published_at_its_timestamp_with_the_GTDs_types_beside_ACLEDs_words()
    {
        var (row, errors) = Import();

        Assert.Empty(errors);
        Assert.Equal(("2023-02-16", "NG", "Konduga"), (row!.Incident.OccurredOn, row.Incident.Country, row.Incident.Place));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1676900000), row.Version);
        Assert.Equal(("ACLED event NIG31234, version of 2023-02-20T13:33:20Z", "2023-02-20T13:33:20Z"), (row.Report.Title, row.Report.PublishedAt));
        Assert.Equal([AttackType.BombingExplosion], row.Report.Facts!.OfType<AttackTypeFact>().Single().AttackTypes);
        Assert.Equal((WeaponType.Explosives, "Suicide bomb"), (row.Report.Facts!.OfType<WeaponFact>().Single().WeaponType, row.Report.Facts!.OfType<WeaponFact>().Single().Detail));
        Assert.Equal("JAS: Jama'atu Ahlis Sunna Lidda'awati wal-Jihad", row.Report.Facts!.OfType<PerpetratorFact>().Single().Affiliation);
        Assert.Equal((TargetType.PrivateCitizensProperty, "Civilians (Nigeria)"), (row.Report.Facts!.OfType<TargetFact>().Single().TargetType, row.Report.Facts!.OfType<TargetFact>().Single().Detail));
        Assert.Equal(ReportedCount.Exact(4), row.Report.Facts!.OfType<CasualtiesFact>().Single().Killed);
        var location = row.Report.Facts!.OfType<LocationFact>().Single();
        Assert.Equal(("Konduga", "Konduga, Borno", LocationPrecision.Exact), (location.City, location.Region, location.Precision!.Value));
        var notes = row.Report.Facts!.OfType<NoteFact>().Select(n => n.Text).ToList();
        Assert.Contains("ACLED event type: Political violence, Explosions/Remote violence, Suicide bomb", notes);
        Assert.Contains(notes, n => n.StartsWith("ACLED actors: actor1 JAS: Jama'atu Ahlis Sunna Lidda'awati wal-Jihad (inter1 2, rebel group)", StringComparison.Ordinal) && n.Contains("assoc_actor_2 Farmers (Nigeria)", StringComparison.Ordinal));
        Assert.Contains("ACLED ids: event NIG31234, timestamp 1676900000 (2023-02-20T13:33:20Z)", notes);
    }

    [Theory]
    [InlineData("Armed clash", AttackType.ArmedAssault, null)]
    [InlineData("Chemical weapon", AttackType.UnarmedAssault, WeaponType.Chemical)]
    [InlineData("Abduction/forced disappearance", AttackType.HostageTakingKidnapping, null)]
    [InlineData("Shelling/artillery/missile attack", AttackType.BombingExplosion, WeaponType.Explosives)]
    public void Sub_event_types_that_are_GTD_types_map_to_them(string subEvent, AttackType attack, WeaponType? weapon)
    {
        var row = Import(("sub_event_type", subEvent)).Row!;

        Assert.Equal([attack], row.Report.Facts!.OfType<AttackTypeFact>().Single().AttackTypes);
        Assert.Equal(weapon, row.Report.Facts!.OfType<WeaponFact>().SingleOrDefault()?.WeaponType);
    }

    [Theory]
    [InlineData("Attack")]
    [InlineData("Peaceful protest")]
    [InlineData("Looting/property destruction")]
    public void Sub_event_types_without_a_GTD_type_are_kept_in_words_only(string subEvent)
    {
        var row = Import(("sub_event_type", subEvent)).Row!;

        Assert.Empty(row.Report.Facts!.OfType<AttackTypeFact>());
        Assert.Empty(row.Report.Facts!.OfType<WeaponFact>());
        Assert.Contains(row.Report.Facts!.OfType<NoteFact>(), n => n.Text.EndsWith(subEvent, StringComparison.Ordinal));
    }

    [Fact]
    public void Numeric_actor_types_of_older_exports_and_a_battles_two_parties_are_read()
    {
        var row = Import(("actor2", "Military Forces of Nigeria (2015-2023)"), ("inter1", "2"), ("inter2", "1"), ("civilian_targeting", null)).Row!;

        Assert.Equal(["group", "group-2"], row.Report.Facts!.OfType<PerpetratorFact>().Select(p => p.Key));
        Assert.Empty(row.Report.Facts!.OfType<TargetFact>());
    }

    [Theory]
    [InlineData("2", "2023-02")]
    [InlineData("3", "2023-02")]
    public void A_date_known_to_the_week_or_the_month_files_the_incident_under_the_month(string precision, string occurredOn)
    {
        var row = Import(("time_precision", precision)).Row!;

        Assert.Equal(occurredOn, row.Incident.OccurredOn);
        Assert.True(row.Report.Facts!.OfType<TimelineFact>().Single().Approximate);
    }

    [Theory]
    [InlineData(null, "Nigeria", "NG")]
    [InlineData("0", "Kosovo", "XK")]
    [InlineData("566", "Niger", "NG")]
    [InlineData("180", "Democratic Republic of Congo", "CD")]
    public void The_country_is_its_ISO_numeric_code_else_its_name(string? iso, string name, string country) =>
        Assert.Equal(country, Import(("iso", iso), ("country", name)).Row!.Incident.Country);

    [Theory]
    [InlineData("timestamp", null, "timestamp")]
    [InlineData("timestamp", "2023-02-20", "timestamp")]
    [InlineData("event_date", "16/02/2023", "event_date")]
    [InlineData("fatalities", "about 4", "fatalities")]
    [InlineData("inter1", "Aliens", "inter1")]
    [InlineData("geo_precision", "4", "geo_precision")]
    [InlineData("event_id_cnty", null, "event_id_cnty")]
    public void A_cell_that_cannot_be_read_is_refused_by_its_column(string column, string? value, string named)
    {
        var (row, errors) = Import((column, value));

        Assert.Null(row);
        Assert.Contains(errors, e => e.Line == 4 && e.Column == named);
    }

    [Fact]
    public void Coverage_reads_the_key_country_and_day_of_any_row_with_a_key()
    {
        Assert.Equal(new RowCoverage("NIG31234", AcledImport.IncidentId("NIG31234"), "NG", new DateOnly(2023, 2, 16)), AcledImport.Coverage(Cells(("fatalities", "bad"))));
        Assert.Null(AcledImport.Coverage(Cells(("event_id_cnty", null))));
    }
}
