using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Exchange;
using AttackTracker.Domain.Reports;

namespace AttackTracker.Domain.Tests.Exchange;

/// <summary>The sample files in each release's published layout, read end to end (issue 20: no row of a real release refused).</summary>
public sealed class GtdSampleTests
{
    /// <summary>Each row as the record must hold it: country, region, city, date, killed (victims, perpetrators), wounded.</summary>
    private static readonly Dictionary<string, (string Country, string? Region, string? City, string Date, int? Killed, int? Attackers, int? Wounded)> Expected = new()
    {
        ["197002150001"] = ("DDDE", "Berlin", "East Berlin", "1970-02-15", 0, null, 0),
        ["197207210002"] = ("GB", "Northern Ireland", "Belfast", "1972-07-21", 9, 0, 130),
        ["197701080001"] = ("SUHH", "Moscow", "Moscow", "1977-01-08", 7, null, 37),
        ["197709050001"] = ("DE", "North Rhine-Westphalia", "Köln", "1977-09-05", 4, 0, 0),
        ["197806230001"] = ("RHZW", "Manicaland", "Umtali", "1978-06-23", 12, null, null),
        ["198105040002"] = ("YUCS", "Kosovo", "Pristina", "1981-05-04", 0, null, 0),
        ["197205260001"] = ("VN", "Saigon", "Saigon", "1972-05-26", null, null, null),
        ["198803100003"] = ("ZRCD", "Kinshasa", "Kinshasa", "1988-03-10", 2, null, null),
        ["198507070001"] = ("FR", "Corsica", "Ajaccio", "1985-07-07", 0, null, 0),
        ["198712120001"] = ("XZ", null, null, "1987-12-12", 0, null, 0),
        ["201103030001"] = ("XK", "Mitrovica", "Mitrovica", "2011-03-03", 0, null, 2),
        ["201603130001"] = ("CI", "Sud-Comoé", "Grand-Bassam", "2016-03-13", 19, 3, 33),
        ["201803230017"] = ("FR", "Occitanie", "Trèbes", "2018-03-23", 4, 1, 15),
        ["197310030001"] = ("CSHH", "Bohemia", "Praha", "1973-10-03", 0, null, 3),
        ["197911140001"] = ("YDYE", "Aden", "Aden", "1979-11-14", 1, null, 0),
        ["198002020001"] = ("YE", "Sanaa", "Sanaa", "1980-02-02", 4, null, 10),
        ["198005280001"] = ("NHVU", "Espiritu Santo", "Luganville", "1980-05-28", 0, null, 0),
        ["198406110001"] = ("CG", "Brazzaville", "Brazzaville", "1984-06-11", 2, null, null),
        ["199112010001"] = ("SUHH", "Chechnya", "Grozny", "1991-12-01", null, null, null),
        ["200403170002"] = ("CSXX", "Kosovo", "Mitrovica", "2004-03-17", 1, null, 4),
        ["200912270001"] = ("PS", "Gaza Strip", "Rafah", "2009-12-27", 0, null, 0),
        ["201507130001"] = ("SS", "Upper Nile", "Malakal", "2015-07-13", 8, null, 11),
        ["202001050003"] = ("NG", "Borno", "Gamboru", "2020-01-05", 31, 1, 35),
        ["202012310004"] = ("AF", "Kabul", "Kabul", "2020-12-31", 1, null, 0),
    };

    [Theory]
    [InlineData("gtd-0718-sample.csv", TextCharset.Windows1252, 13)]
    [InlineData("gtd-2020-sample.csv", TextCharset.Utf8, 12)]
    public async Task Every_row_of_a_sample_in_its_releases_layout_is_accepted_as_the_record_must_hold_it(string file, TextCharset charset, int count)
    {
        var (rows, errors) = await GtdFile.ReadAsync(GtdFile.Sample(file), charset);
        Assert.Empty(errors);
        Assert.Equal(count, rows.Count);
        foreach (var row in rows)
        {
            var (country, region, city, date, killed, attackers, wounded) = Expected[row.EventId];
            var location = row.Report.Facts!.OfType<LocationFact>().SingleOrDefault();
            var casualties = row.Report.Facts!.OfType<CasualtiesFact>().SingleOrDefault();
            Assert.Equal(
                (country, region, city, date, killed, attackers, wounded),
                (row.Incident.Country, location?.Region, location?.City, row.Incident.OccurredOn, casualties?.Killed?.Low, casualties?.PerpetratorsKilled?.Low, casualties?.Wounded?.Low));
            Assert.Equal(GtdImport.IncidentId(row.EventId), row.IncidentId);
            Assert.NotEmpty(row.Report.Facts!.OfType<AttackTypeFact>());
        }
    }

    [Fact]
    public async Task The_0718_sample_keeps_its_accents_summaries_claims_hostages_and_coordinates()
    {
        var (rows, _) = await GtdFile.ReadAsync(GtdFile.Sample("gtd-0718-sample.csv"), TextCharset.Windows1252);
        var trebes = rows.Single(r => r.EventId == "201803230017");
        Assert.StartsWith("03/23/2018: An assailant hijacked a car in Carcassonne, Aude,", trebes.Incident.Summary, StringComparison.Ordinal);
        Assert.Equal(("Islamic State of Iraq and the Levant (ISIL)", ClaimMode.WebsiteOrSocialMedia), (trebes.Report.Facts!.OfType<ClaimFact>().Single().Claimant, trebes.Report.Facts!.OfType<ClaimFact>().Single().Mode));
        Assert.Equal(ReportedCount.Exact(1), trebes.Report.Facts!.OfType<CasualtiesFact>().Single().Hostages);
        Assert.Equal((43.210278, 2.443056), (trebes.Report.Facts!.OfType<LocationFact>().Single().Lat, trebes.Report.Facts!.OfType<LocationFact>().Single().Lon));
        Assert.Equal([AttackType.HostageTakingBarricade, AttackType.ArmedAssault], trebes.Report.Facts!.OfType<AttackTypeFact>().Single().AttackTypes);

        var bassam = rows.Single(r => r.EventId == "201603130001");
        Assert.Contains("Côte d'Ivoire", bassam.Incident.Summary, StringComparison.Ordinal);
        Assert.Contains(bassam.Report.Facts!.OfType<NoteFact>(), n => n.Text == "Motive: Sources note that the attack targeted foreigners, \"the crusaders\", in retaliation for military operations in the Sahel.");
        Assert.Equal(2, bassam.Report.Facts!.OfType<NoteFact>().Count(n => n.Text.StartsWith("Source cited: ", StringComparison.Ordinal)));

        var viet = rows.Single(r => r.EventId == "197205260001");
        Assert.Equal("Viet Cong", viet.Report.Facts!.OfType<PerpetratorFact>().Single().Affiliation);
        Assert.Equal("International", rows.Single(r => r.EventId == "198712120001").Incident.Place);
    }

    [Fact]
    public async Task The_0718_sample_read_as_UTF_8_is_refused_at_its_first_accent_with_what_to_declare()
    {
        var scan = await CsvScan.ScanAsync(GtdFile.Sample("gtd-0718-sample.csv"), TextCharset.Utf8, null, CancellationToken.None);
        Assert.Equal(5, scan.Fatal!.Line);
        Assert.Contains("charset=windows-1252", scan.Fatal.Message, StringComparison.Ordinal);

        var declared = await CsvScan.ScanAsync(GtdFile.Sample("gtd-0718-sample.csv"), TextCharset.Windows1252, null, CancellationToken.None);
        Assert.Equal((14L, 13L, null), (declared.Records, declared.Rows, declared.Fatal));
    }

    [Fact]
    public async Task The_samples_have_the_releases_135_columns_in_order()
    {
        foreach (var (file, charset) in new[] { ("gtd-0718-sample.csv", TextCharset.Windows1252), ("gtd-2020-sample.csv", TextCharset.Utf8) })
        {
            using var text = TextDecoding.Open(GtdFile.Sample(file), charset);
            var header = await new CsvRecordReader(text).ReadAsync();
            Assert.Equal(GtdRelease.Columns, header!.Cells);
        }
    }
}
