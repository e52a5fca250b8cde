using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Exchange;
using AttackTracker.Domain.Reports;

namespace AttackTracker.Domain.Tests.Exchange;

/// <summary>RAND RDWTI rows (issue 23): rows without ids named by their content, counts in words, weapons as the GTD's types beside RAND's own words.</summary>
public sealed class RandImportTests
{
    private static (GtdRow? Row, List<GtdRowError> Errors) Import(int occurrence = 1, params (string Column, string? Value)[] cells)
    {
        var all = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Date"] = "7-Aug-98",
            ["City"] = "Nairobi",
            ["Country"] = "Kenya",
            ["Perpetrator"] = "al-Qaeda",
            ["Weapon"] = "Explosives",
            ["Injuries"] = "4000+",
            ["Fatalities"] = "213",
            ["Description"] = "A truck bomb exploded outside the United States embassy.",
        };
        foreach (var (column, value) in cells)
        {
            all[column] = value;
        }

        var errors = new List<GtdRowError>();
        return (RandImport.Read(3, all, "RAND RDWTI", "2012-04", occurrence, errors), errors);
    }

    [Fact]
    public void A_row_becomes_its_incident_with_counts_in_words_quoted_and_the_weapon_beside_RANDs_word()
    {
        var (row, errors) = Import();

        Assert.Empty(errors);
        Assert.Equal(("1998-08-07", "KE", "Nairobi"), (row!.Incident.OccurredOn, row.Incident.Country, row.Incident.Place));
        Assert.Equal("A truck bomb exploded outside the United States embassy.", row.Incident.Summary);
        var casualties = row.Report.Facts!.OfType<CasualtiesFact>().Single();
        Assert.Equal((ReportedCount.Exact(213), ReportedCount.AtLeast(4000)), (casualties.Killed, casualties.Wounded));
        Assert.Equal("Injuries: 4000+", casualties.Quote);
        var weapon = row.Report.Facts!.OfType<WeaponFact>().Single();
        Assert.Equal((WeaponType.Explosives, "Explosives"), (weapon.WeaponType, weapon.Detail));
        Assert.Equal("al-Qaeda", row.Report.Facts!.OfType<PerpetratorFact>().Single().Affiliation);
        Assert.StartsWith("1998-08-07/", row.EventId, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_is_named_by_its_date_and_content_the_same_in_any_date_form_and_not_by_its_counts()
    {
        var first = Import().Row!;

        Assert.Equal(first.IncidentId, Import(1, ("Date", "8/7/1998"), ("Fatalities", "224")).Row!.IncidentId);
        Assert.NotEqual(first.Report.Title, Import(1, ("Fatalities", "224")).Row!.Report.Title);
        Assert.NotEqual(first.IncidentId, Import(1, ("City", "Dar es Salaam")).Row!.IncidentId);
        Assert.NotEqual(first.IncidentId, Import(2).Row!.IncidentId);
        Assert.EndsWith("/2", Import(2).Row!.EventId, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Fire or Firebomb", WeaponType.Incendiary)]
    [InlineData("Knives & sharp objects", WeaponType.Melee)]
    [InlineData("Remote-detonated explosive", WeaponType.Explosives)]
    [InlineData("firearms", WeaponType.Firearms)]
    [InlineData("Unknown", WeaponType.Unknown)]
    public void RANDs_weapons_map_to_the_GTDs_types(string weapon, WeaponType type) =>
        Assert.Equal(type, Import(1, ("Weapon", weapon)).Row!.Report.Facts!.OfType<WeaponFact>().Single().WeaponType);

    [Fact]
    public void A_weapon_without_a_GTD_type_and_an_unknown_perpetrator_are_kept_as_they_are_or_left_out()
    {
        var row = Import(1, ("Weapon", "Unconventional Attack"), ("Perpetrator", "Unknown"), ("Fatalities", "0 (+1)")).Row!;

        Assert.Empty(row.Report.Facts!.OfType<WeaponFact>());
        Assert.Contains(row.Report.Facts!.OfType<NoteFact>(), n => n.Text == "Weapon: Unconventional Attack");
        Assert.Empty(row.Report.Facts!.OfType<PerpetratorFact>());
        var casualties = row.Report.Facts!.OfType<CasualtiesFact>().Single();
        Assert.Equal((ReportedCount.Exact(0), ReportedCount.Exact(1)), (casualties.Killed, casualties.PerpetratorsKilled));
    }

    [Theory]
    [InlineData("Fatalities", "~10", "Fatalities")]
    [InlineData("Injuries", "several", "Injuries")]
    [InlineData("Date", "1998-13-07", "Date")]
    [InlineData("Date", null, "Date")]
    [InlineData("Country", "Atlantis", "Country")]
    public void A_cell_that_cannot_be_read_is_refused_by_its_column(string column, string? value, string named)
    {
        var (row, errors) = Import(1, (column, value));

        Assert.Null(row);
        Assert.Contains(errors, e => e.Line == 3 && e.Column == named && e.Message.Length > 0);
    }
}
