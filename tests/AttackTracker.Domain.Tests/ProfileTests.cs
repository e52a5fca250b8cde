using AttackTracker.Domain.Reports;
using static AttackTracker.Domain.Tests.TrebesSources;

namespace AttackTracker.Domain.Tests;

public class ProfileTests
{
    [Fact]
    public void A_person_takes_the_status_of_the_latest_published_report_whatever_the_recording_order()
    {
        var stream = new IncidentStreamBuilder().Open();
        var killed = stream.Report(Itic, Day(3, 26), Beltrame(PersonStatus.Killed, key: "Beltrame"));
        var wounded = stream.Report(LongWarJournal, Day(3, 23), Beltrame(PersonStatus.Wounded, key: "beltrame"));

        var person = Assert.Single(stream.View().People);

        Assert.Equal("beltrame", person.Key);
        Assert.Equal("Arnaud Beltrame", person.Name);
        Assert.Equal(PersonStatus.Killed, person.Status);
        Assert.Equal([PersonStatus.Killed, PersonStatus.Wounded], person.Statuses.Select(s => s.Value));
        Assert.Equal([killed.ReportId], person.Statuses[0].Sources.Select(s => s.ReportId));
        Assert.Equal([wounded.ReportId], person.Statuses[1].Sources.Select(s => s.ReportId));
    }

    [Fact]
    public void A_person_seen_before_the_later_report_has_the_earlier_status()
    {
        var stream = new IncidentStreamBuilder().Open();
        stream.Report(LongWarJournal, Day(3, 23), Beltrame(PersonStatus.Wounded));
        stream.Report(Itic, Day(3, 26), Beltrame(PersonStatus.Killed));

        var person = Assert.Single(stream.View(asOf: Day(3, 24)).People);

        Assert.Equal(PersonStatus.Wounded, person.Status);
        Assert.Equal([PersonStatus.Wounded], person.Statuses.Select(s => s.Value));
    }

    [Fact]
    public void People_with_different_keys_are_different_people()
    {
        var stream = new IncidentStreamBuilder().Open();
        stream.Report(
            Itic,
            Day(3, 26),
            Beltrame(PersonStatus.Killed),
            new PersonFact { Key = "medves", Name = "Christian Medves", Role = "butcher", Status = PersonStatus.Killed });

        var people = stream.View().People;

        Assert.Equal(["beltrame", "medves"], people.Select(p => p.Key));
    }

    [Fact]
    public void People_without_a_key_are_grouped_by_name_and_then_by_role()
    {
        var stream = new IncidentStreamBuilder().Open();
        stream.Report(
            LongWarJournal,
            Day(3, 23),
            new PersonFact { Name = "Christian Medves", Role = "butcher", Status = PersonStatus.Killed },
            new PersonFact { Role = "Hostage", Status = PersonStatus.Hostage });
        stream.Report(
            Itic,
            Day(3, 26),
            new PersonFact { Name = "CHRISTIAN MÉDVES", Role = "Butcher", Status = PersonStatus.Killed },
            new PersonFact { Role = "hostage", Status = PersonStatus.Released });

        var people = stream.View().People;

        Assert.Equal(["christian medves", "role:hostage"], people.Select(p => p.Key));
        Assert.Equal(2, people[0].Statuses.Single().Sources.Count);
        Assert.Equal(PersonStatus.Released, people[1].Status);
    }

    [Fact]
    public void Perpetrators_are_grouped_by_name_ignoring_case_and_accents()
    {
        var stream = new IncidentStreamBuilder().Open();
        stream.Report(LongWarJournal, Day(3, 23), new PerpetratorFact { Name = "Radouane Lakdim" });
        stream.Report(Itic, Day(3, 26), new PerpetratorFact { Name = "RADOUANE LAKDÎM", Age = 25 });

        var perpetrator = Assert.Single(stream.View().Perpetrators);

        Assert.Equal("radouane lakdim", perpetrator.Key);
        Assert.Equal("Radouane Lakdim", perpetrator.Name);
        Assert.False(perpetrator.Conflicting);
        Assert.Equal(2, Assert.Single(perpetrator.Attributes["name"].Values).Sources.Count);
    }

    [Fact]
    public void A_perpetrator_key_links_reports_that_spell_the_name_differently()
    {
        var stream = new IncidentStreamBuilder().Open();
        stream.Report(LongWarJournal, Day(3, 23), new PerpetratorFact { Key = "lakdim", Name = "Redouane Lakdim" });
        stream.Report(Itic, Day(3, 26), new PerpetratorFact { Key = "Lakdim", Name = "Radouane Lakdim" });

        var perpetrator = Assert.Single(stream.View().Perpetrators);

        Assert.Equal("lakdim", perpetrator.Key);
        Assert.Equal(["Redouane Lakdim", "Radouane Lakdim"], perpetrator.Attributes["name"].Values.Select(v => v.Value));
    }

    [Fact]
    public void Two_nationalities_make_the_perpetrator_conflicting()
    {
        var stream = new IncidentStreamBuilder().Open();
        stream.Report(LongWarJournal, Day(3, 23), new PerpetratorFact { Name = "Radouane Lakdim", Nationality = "Moroccan" });
        stream.Report(Itic, Day(3, 26), new PerpetratorFact { Name = "Radouane Lakdim", Nationality = "French" });

        var perpetrator = Assert.Single(stream.View().Perpetrators);

        var nationality = perpetrator.Attributes["nationality"];
        Assert.True(nationality.Conflicting);
        Assert.Equal(["Moroccan", "French"], nationality.Values.Select(v => v.Value));
        Assert.False(perpetrator.Attributes["name"].Conflicting);
        Assert.True(perpetrator.Conflicting);
    }

    [Fact]
    public void The_same_nationality_written_differently_does_not_conflict()
    {
        var stream = new IncidentStreamBuilder().Open();
        stream.Report(LongWarJournal, Day(3, 23), new PerpetratorFact { Name = "Radouane Lakdim", Nationality = "French" });
        stream.Report(Itic, Day(3, 26), new PerpetratorFact { Name = "Radouane Lakdim", Nationality = " FRENCH " });

        var perpetrator = Assert.Single(stream.View().Perpetrators);

        Assert.False(perpetrator.Attributes["nationality"].Conflicting);
        Assert.False(perpetrator.Conflicting);
    }

    [Fact]
    public void Different_aliases_never_conflict()
    {
        var stream = new IncidentStreamBuilder().Open();
        stream.Report(LongWarJournal, Day(3, 23), new PerpetratorFact { Name = "Radouane Lakdim", Aliases = ["Redouane"] });
        stream.Report(Itic, Day(3, 26), new PerpetratorFact { Name = "Radouane Lakdim", Aliases = ["Lakdim R."] });

        var perpetrator = Assert.Single(stream.View().Perpetrators);

        var aliases = perpetrator.Attributes["aliases"];
        Assert.Equal(["Redouane", "Lakdim R."], aliases.Values.Select(v => v.Value));
        Assert.False(aliases.Conflicting);
        Assert.False(perpetrator.Conflicting);
    }

    [Fact]
    public void An_attribute_nobody_gave_is_absent()
    {
        var stream = new IncidentStreamBuilder().Open();
        stream.Report(Itic, Day(3, 26), new PerpetratorFact { Name = "Radouane Lakdim", Age = 25, KnownToAuthorities = true });

        var perpetrator = Assert.Single(stream.View().Perpetrators);

        Assert.Equal(["age", "knownToAuthorities", "name"], perpetrator.Attributes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(25, Assert.Single(perpetrator.Attributes["age"].Values).Value);
    }

    [Fact]
    public void A_perpetrator_with_neither_key_nor_name_is_unidentified_and_listed_last()
    {
        var stream = new IncidentStreamBuilder().Open();
        stream.Report(
            Itic,
            Day(3, 26),
            new PerpetratorFact { Status = PerpetratorStatus.AtLarge, Affiliation = "accomplice" },
            new PerpetratorFact { Key = "wanted-driver", Affiliation = "accomplice" },
            new PerpetratorFact { Name = "Radouane Lakdim", Status = PerpetratorStatus.Killed });

        var perpetrators = stream.View().Perpetrators;

        Assert.Equal(["radouane lakdim", "wanted-driver", "unidentified"], perpetrators.Select(p => p.Key));
        Assert.Null(perpetrators[2].Name);
    }

    private static PersonFact Beltrame(PersonStatus status, string key = "beltrame") =>
        new() { Key = key, Name = "Arnaud Beltrame", Role = "gendarme", Status = status };
}
