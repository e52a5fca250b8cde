using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Exchange;
using AttackTracker.Domain.Reports;
using static AttackTracker.Domain.Tests.TrebesSources;

namespace AttackTracker.Domain.Tests;

/// <summary>Every mapping rule of the GTD-shaped export and import (docs/export.md).</summary>
public sealed class GtdTests
{
    private static Dictionary<string, string?> Row(IncidentStreamBuilder stream, DateTimeOffset? asOf = null) =>
        GtdCodebook.Columns.Zip(GtdExport.Row(stream.View(asOf), stream.Fold())).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);

    [Theory]
    [InlineData("2018-03-23", "2018", "3", "23")]
    [InlineData("2018-03", "2018", "3", "0")]
    [InlineData("2018", "2018", "0", "0")]
    public void An_unknown_month_or_day_is_0_as_the_codebook_has_it(string occurredOn, string year, string month, string day)
    {
        var row = Row(new IncidentStreamBuilder().Open(occurredOn: occurredOn));
        Assert.Equal((year, month, day), (row["iyear"], row["imonth"], row["iday"]));
    }

    [Fact]
    public void The_codes_are_the_codebooks()
    {
        Assert.Equal((2, "Armed Assault"), (GtdCodebook.Code(AttackType.ArmedAssault), GtdCodebook.Text(AttackType.ArmedAssault)));
        Assert.Equal((9, "Unknown"), (GtdCodebook.Code(AttackType.Unknown), GtdCodebook.Text(AttackType.Unknown)));
        Assert.Equal((10, 13), (GtdCodebook.Code(WeaponType.Vehicle), GtdCodebook.Code(WeaponType.Unknown)));
        Assert.Equal((3, "Police"), (GtdCodebook.Code(TargetType.Police), GtdCodebook.Text(TargetType.Police)));
        Assert.Equal((21, 22), (GtdCodebook.Code(TargetType.Utilities), GtdCodebook.Code(TargetType.ViolentPoliticalParty)));
        Assert.True(GtdCodebook.TryWeaponType(5, out var firearms) && firearms == WeaponType.Firearms);
        Assert.False(GtdCodebook.TryTargetType(23, out _));
        Assert.Equal(("France", "FR"), (GtdCodebook.CountryName("FR"), GtdCodebook.CountryCode("france")));
    }

    [Fact]
    public void Disputed_figures_give_their_range_and_status_and_an_open_range_has_no_high()
    {
        var stream = new IncidentStreamBuilder().Open();
        stream.Report(LongWarJournal, Day(3, 23), new CasualtiesFact { Killed = ReportedCount.AtLeast(3) });
        var sameDay = Row(stream);
        Assert.Equal(("3", "3", null, "single-source"), (sameDay["nkill"], sameDay["nkill_low"], sameDay["nkill_high"], sameDay["nkill_status"]));

        stream.Report(Itic, Day(3, 26), new CasualtiesFact { Killed = ReportedCount.Exact(4), Wounded = ReportedCount.Exact(15), PerpetratorsKilled = ReportedCount.Exact(1) });
        stream.Report(Wsws, Day(3, 29), new CasualtiesFact { Wounded = ReportedCount.Exact(16) });
        var later = Row(stream);
        Assert.Equal(("5", "1"), (later["nkill"], later["nkillter"]));
        var wounded = stream.View().Casualties.Wounded!;
        Assert.Equal((wounded.Best.ToString(System.Globalization.CultureInfo.InvariantCulture), "15", "16", "disputed"), (later["nwound"], later["nwound_low"], later["nwound_high"], later["nwound_status"]));
        Assert.Equal("3", later["nreports"]);

        var asOf = Row(stream, Day(3, 24));
        Assert.Equal(("3", "1"), (asOf["nkill"], asOf["nreports"]));
        Assert.Null(asOf["nwound"]);
    }

    [Fact]
    public void Several_claimants_fill_gname_to_gname3_and_without_a_claim_the_affiliations_do()
    {
        var claimed = new IncidentStreamBuilder().Open();
        claimed.Report(LongWarJournal, Day(3, 23),
            new ClaimFact { Claimant = "Islamic State", Channel = "Amaq News Agency" },
            new ClaimFact { Claimant = "Another Front" },
            new ClaimFact { Claimant = "islamic state" });
        var row = Row(claimed);
        Assert.Equal(("Islamic State", "Another Front", null, "1"), (row["gname"], row["gname2"], row["gname3"], row["claimed"]));

        var attributed = new IncidentStreamBuilder().Open();
        attributed.Report(Wsws, Day(3, 29), new PerpetratorFact { Key = "lakdim", Affiliation = "Islamic State" });
        var byAffiliation = Row(attributed);
        Assert.Equal(("Islamic State", GtdCodebook.UnknownClaim), (byAffiliation["gname"], byAffiliation["claimed"]));

        Assert.Equal(GtdCodebook.UnknownGroup, Row(new IncidentStreamBuilder().Open())["gname"]);
    }

    [Fact]
    public void Types_places_and_citations_come_from_the_facts_and_reports()
    {
        var stream = new IncidentStreamBuilder().Open();
        stream.Report(LongWarJournal, Day(3, 23),
            new AttackTypeFact { AttackTypes = [AttackType.ArmedAssault, AttackType.HostageTakingBarricade, AttackType.ArmedAssault] },
            new WeaponFact { WeaponType = WeaponType.Firearms },
            new WeaponFact { WeaponType = WeaponType.Melee, Detail = "knife" },
            new TargetFact { TargetType = TargetType.Business },
            new LocationFact { Role = "region", Region = "Occitanie" },
            new LocationFact { Place = "supermarket", City = "Trèbes", Region = "Aude", Country = "FR" });
        var row = Row(stream);
        Assert.Equal(("2", "5", null), (row["attacktype1"], row["attacktype2"], row["attacktype3"]));
        Assert.Equal(("5", "Firearms", "9", "Melee"), (row["weaptype1"], row["weaptype1_txt"], row["weaptype2"], row["weaptype2_txt"]));
        Assert.Equal(("1", "Business"), (row["targtype1"], row["targtype1_txt"]));
        Assert.Equal(("Aude", "Trèbes"), (row["provstate"], row["city"]));
        Assert.Equal("\"Long War Journal, 2018-03-23,\" Long War Journal, 2018-03-23.", row["scite1"]);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+33 1", "'+33 1")]
    [InlineData("-9 dead", "'-9 dead")]
    [InlineData("  =HYPERLINK(x)", "'  =HYPERLINK(x)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "'\rcmd")]
    [InlineData("-", "'-")]
    [InlineData("-9", "-9")]
    [InlineData("+33", "+33")]
    [InlineData("-1.5e3", "-1.5e3")]
    [InlineData("'Ndrangheta", "'Ndrangheta")]
    [InlineData("'=already guarded", "''=already guarded")]
    [InlineData("''@twice", "'''@twice")]
    [InlineData("@SUM", "'@SUM")]
    [InlineData("plain, text", "plain, text")]
    [InlineData("'quoted'", "'quoted'")]
    public void Formula_text_is_escaped_and_the_import_takes_the_escape_off(string text, string escaped)
    {
        Assert.Equal(escaped, GtdCodebook.Escape(text));
        Assert.Equal(text, GtdCodebook.Unescape(escaped));
    }

    private static (GtdRow? Row, List<GtdRowError> Errors) Import(params (string Column, string Value)[] cells)
    {
        var errors = new List<GtdRowError>();
        var all = new Dictionary<string, string?>(StringComparer.Ordinal) { ["eventid"] = "201803230001", ["iyear"] = "2018", ["imonth"] = "3", ["iday"] = "23", ["country_txt"] = "France" };
        foreach (var (column, value) in cells)
        {
            all[column] = value;
        }

        return (GtdImport.Read(7, all, "Global Terrorism Database", "2021-06", errors), errors);
    }

    private static T Fact<T>(GtdRow row) where T : Fact => row.Report.Facts!.OfType<T>().Single();

    [Fact]
    public void A_GTD_id_names_the_same_incident_on_every_import_and_a_UUID_is_the_incident()
    {
        var (row, _) = Import();
        Assert.Equal(GtdImport.IncidentId("201803230001"), row!.IncidentId);
        Assert.Equal(row.IncidentId, Import().Row!.IncidentId);
        var id = Guid.NewGuid();
        Assert.Equal(id, Import(("eventid", id.ToString())).Row!.IncidentId);
    }

    [Theory]
    [InlineData("3", "0", "2018-03")]
    [InlineData("0", "0", "2018")]
    [InlineData("12", "31", "2018-12-31")]
    public void Day_or_month_0_imports_as_a_month_or_a_year(string month, string day, string occurredOn)
    {
        Assert.Equal(occurredOn, Import(("imonth", month), ("iday", day)).Row!.Incident.OccurredOn);
    }

    [Theory]
    [InlineData("iday", "5", "imonth", "0", "iday")]
    [InlineData("iday", "31", "imonth", "2", "iday")]
    [InlineData("iyear", "", "iday", "1", "iyear")]
    [InlineData("nkill", "2", "nkillter", "3", "nkillter")]
    [InlineData("nkill", "-1", "iday", "1", "nkill")]
    [InlineData("attacktype1", "42", "iday", "1", "attacktype1")]
    [InlineData("country_txt", "Atlantis", "iday", "1", "country_txt")]
    [InlineData("country_iso2", "XX", "iday", "1", "country_iso2")]
    [InlineData("claimed", "2", "iday", "1", "claimed")]
    public void A_bad_cell_is_named_with_the_line_and_nothing_is_made_of_the_row(string column, string value, string other, string otherValue, string named)
    {
        var (row, errors) = Import((column, value), (other, otherValue));
        Assert.Null(row);
        Assert.Contains(errors, e => e.Line == 7 && e.Column == named);
    }

    [Fact]
    public void Figures_come_back_as_one_reports_counts()
    {
        var (row, _) = Import(("nkill", "5"), ("nkillter", "1"), ("nkill_low", "5"), ("nkill_high", "5"), ("nwound", "15"), ("nwound_low", "15"), ("nwound_high", "16"));
        var casualties = Fact<CasualtiesFact>(row!);
        Assert.Equal((ReportedCount.Exact(4), ReportedCount.Exact(1)), (casualties.Killed, casualties.PerpetratorsKilled));
        Assert.Equal(ReportedCount.Between(15, 16), casualties.Wounded);

        Assert.Equal(ReportedCount.AtLeast(3), Fact<CasualtiesFact>(Import(("nkill", "3"), ("nkill_low", "3")).Row!).Killed);
        // A best inside its range: the GTD column (the best) is what a count can keep.
        Assert.Equal(ReportedCount.Exact(16), Fact<CasualtiesFact>(Import(("nwound", "16"), ("nwound_low", "15"), ("nwound_high", "16")).Row!).Wounded);
        Assert.Equal(ReportedCount.Exact(2), Fact<CasualtiesFact>(Import(("nkill", "2")).Row!).Killed);
    }

    [Fact]
    public void Groups_are_claims_when_claimed_else_attributions_and_Unknown_is_no_group()
    {
        var (claimed, _) = Import(("gname", "Islamic State"), ("gname2", "Other Group"), ("claimed", "1"));
        Assert.Equal(["Islamic State", "Other Group"], claimed!.Report.Facts!.OfType<ClaimFact>().Select(c => c.Claimant));

        var (attributed, _) = Import(("gname", "Islamic State"), ("claimed", "0"));
        Assert.Equal("Islamic State", Fact<PerpetratorFact>(attributed!).Affiliation);

        var (unknown, _) = Import(("gname", "Unknown"), ("claimed", "-9"));
        Assert.IsType<NoteFact>(Assert.Single(unknown!.Report.Facts!));
    }

    [Fact]
    public void Types_and_places_become_facts_and_the_report_names_the_release()
    {
        var (row, _) = Import(("attacktype1", "2"), ("attacktype2", "5"), ("targtype1", "14"), ("weaptype1", "5"), ("weaptype2", "9"), ("city", "Trèbes"), ("provstate", "Aude"), ("summary", "'=not a formula"));
        Assert.Equal([AttackType.ArmedAssault, AttackType.HostageTakingBarricade], Fact<AttackTypeFact>(row!).AttackTypes);
        Assert.Equal(TargetType.PrivateCitizensProperty, Fact<TargetFact>(row!).TargetType);
        Assert.Equal([WeaponType.Firearms, WeaponType.Melee], row!.Report.Facts!.OfType<WeaponFact>().Select(w => w.WeaponType));
        Assert.Equal(("Trèbes", "Aude", "FR"), (Fact<LocationFact>(row).City, Fact<LocationFact>(row).Region, Fact<LocationFact>(row).Country));
        Assert.Equal(("Trèbes", "=not a formula"), (row.Incident.Place, row.Incident.Summary));
        Assert.Equal(("Global Terrorism Database", "2021-06"), (row.Report.Source!.Name, row.Report.PublishedAt));
        Assert.StartsWith("Global Terrorism Database 2021-06, event 201803230001 (", row.Report.Title, StringComparison.Ordinal);
        Assert.NotEqual(row.Report.Title, Import(("attacktype1", "3")).Row!.Report.Title);
    }
}
