using System.Text.Json;
using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Corrections;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;
using static AttackTracker.Domain.Tests.TrebesSources;

namespace AttackTracker.Domain.Tests;

public class FoldTests
{
    [Fact]
    public void Opening_an_incident_sets_its_title_country_place_and_date()
    {
        var stream = new IncidentStreamBuilder().Open(
            title: "Supermarket hostage-taking in Trèbes", occurredOn: "2018-03-23", country: "FR", place: "Trèbes, Aude", summary: "A gunman took hostages.");

        var view = stream.View();

        Assert.Equal(stream.IncidentId, view.Id);
        Assert.Equal("Supermarket hostage-taking in Trèbes", view.Title);
        Assert.Equal("FR", view.Country);
        Assert.Equal("Trèbes, Aude", view.Place);
        Assert.Equal("A gunman took hostages.", view.Summary);
        Assert.Equal(new ReportedTime(Day(3, 23), TimePrecision.Day), view.OccurredOn);
    }

    [Fact]
    public void A_reported_fact_shows_up_with_who_said_it_and_when()
    {
        var stream = new IncidentStreamBuilder().Open();
        var report = stream.Report(Itic, Day(3, 26), new WeaponFact { WeaponType = WeaponType.Firearms, Detail = "pistol", Quote = "armed with a pistol" });

        var weapon = Assert.Single(stream.View().Weapons);

        Assert.Equal(new WeaponValue(WeaponType.Firearms, "pistol"), weapon.Value);
        var attribution = Assert.Single(weapon.Sources);
        Assert.Equal(
            new Attribution(report.ReportId, report.FactIds[0], Itic.Id, Itic.Name, Itic.Reliability, Day(3, 26), "armed with a pistol"),
            attribution);
        Assert.Equal((Day(3, 26), Day(3, 26)), (weapon.FirstPublishedAt, weapon.LastPublishedAt));
    }

    [Fact]
    public void A_reported_count_keeps_its_provenance_in_the_casualty_figure()
    {
        var stream = new IncidentStreamBuilder().Open();
        var report = stream.Report(Itic, Day(3, 26), new CasualtiesFact { Killed = ReportedCount.Exact(4), Quote = "Four people were shot to death" });

        var killed = stream.View().Casualties.Killed;

        Assert.NotNull(killed);
        Assert.Equal(
            new CountReport(report.ReportId, report.FactIds[0], Itic.Id, Itic.Name, Itic.Reliability, Day(3, 26), ReportedCount.Exact(4), "Four people were shot to death"),
            Assert.Single(killed.Reports));
    }

    [Fact]
    public void The_same_value_from_two_reports_is_one_value_with_both_sources_oldest_first()
    {
        var stream = new IncidentStreamBuilder().Open();
        var later = stream.Report(Wsws, Day(3, 29), new WeaponFact { WeaponType = WeaponType.Firearms, Detail = "Pistol" });
        var earlier = stream.Report(Itic, Day(3, 26), new WeaponFact { WeaponType = WeaponType.Firearms, Detail = "pistol" });

        var weapon = Assert.Single(stream.View().Weapons);

        Assert.Equal("pistol", weapon.Value.Detail);
        Assert.Equal([earlier.ReportId, later.ReportId], weapon.Sources.Select(s => s.ReportId));
        Assert.Equal((Day(3, 26), Day(3, 29)), (weapon.FirstPublishedAt, weapon.LastPublishedAt));
    }

    [Fact]
    public void Version_and_last_recorded_at_follow_the_last_event()
    {
        var stream = new IncidentStreamBuilder().Open();
        stream.Report(Itic, Day(3, 26), new NoteFact { Text = "First note." }, new NoteFact { Text = "Second note." });
        var last = stream.Append(new NoteRecorded(stream.NewId(), stream.NewId(), new NoteFact { Text = "A fact of no known report." }), recordedAt: Day(4, 2));

        var view = stream.View();

        Assert.Equal(5, last.Version);
        Assert.Equal(5, view.Version);
        Assert.Equal(Day(4, 2), view.LastRecordedAt);
        Assert.Equal(2, view.Notes.Count);
    }

    [Fact]
    public void The_fold_keeps_who_recorded_each_report()
    {
        var stream = new IncidentStreamBuilder().Open();
        var submitted = new ReportSubmitted(stream.NewId(), Itic, "ITIC", null, Day(3, 26), null, []);
        stream.Append(submitted, recordedBy: "editor@example.org");
        stream.Append(submitted with { ReportId = stream.NewId() }, recordedBy: "newsroom-analyst");

        var state = stream.Fold();

        Assert.Equal(["editor@example.org", "newsroom-analyst"], state.Reports.Select(r => r.RecordedBy));
        Assert.Equal([2L, 3L], state.Reports.Select(r => r.Version));
    }

    [Fact]
    public void An_event_folded_a_second_time_changes_nothing()
    {
        var stream = new IncidentStreamBuilder().Open();
        stream.Append(new ReportSubmitted(stream.NewId(), Itic, "ITIC", null, Day(3, 26), null, []));
        var once = stream.Fold();

        var twice = IncidentFold.Fold(stream.Events, once);

        Assert.Same(once, twice);
        Assert.Single(twice.Reports);
    }

    [Fact]
    public void The_report_count_and_sources_cover_the_reports_published_by_the_point()
    {
        var stream = new IncidentStreamBuilder().Open();
        stream.Report(LongWarJournal, Day(3, 23), new NoteFact { Text = "Same-day report." });
        stream.Report(Itic, Day(3, 26), new NoteFact { Text = "Analysis." });
        stream.Report(Itic, Day(3, 27), new NoteFact { Text = "Follow-up." });

        var current = stream.View();
        var early = stream.View(asOf: Day(3, 24));

        Assert.Equal(3, current.ReportCount);
        Assert.Equal([(LongWarJournal.Name, 1), (Itic.Name, 2)], current.Sources.Select(s => (s.Name, s.ReportCount)));
        Assert.Equal(1, early.ReportCount);
        Assert.Equal([LongWarJournal.Id], early.Sources.Select(s => s.Id));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(14)]
    [InlineData(15)]
    public void Folding_in_one_pass_or_from_a_saved_state_gives_the_same_view(int savedAfter)
    {
        var stream = RichStream();
        var events = stream.Events;
        Assert.InRange(savedAfter, 0, events.Count);

        var saved = IncidentStreamBuilder.Fold(events.Take(savedAfter));
        var continued = IncidentStreamBuilder.Fold(events.Skip(savedAfter), from: saved);
        var onePass = IncidentStreamBuilder.Fold(events);

        foreach (var point in new[] { ViewPoint.Current, new ViewPoint(Day(3, 27), null, null) })
        {
            Assert.Equal(Json(IncidentViewBuilder.Build(stream.IncidentId, onePass, point)), Json(IncidentViewBuilder.Build(stream.IncidentId, continued, point)));
        }
    }

    [Fact]
    public void A_report_published_after_the_point_is_left_out()
    {
        var stream = new IncidentStreamBuilder().Open();
        stream.Report(LongWarJournal, Day(3, 23), new CasualtiesFact { Killed = ReportedCount.AtLeast(3) });
        stream.Report(Itic, Day(3, 26), new CasualtiesFact { Killed = ReportedCount.Exact(4) });

        var view = stream.View(asOf: Day(3, 26).AddTicks(-1));

        Assert.Equal(1, view.ReportCount);
        var killed = view.Casualties.Killed;
        Assert.NotNull(killed);
        Assert.Equal((3, 3, (int?)null, FigureStatus.SingleSource), (killed.Low, killed.Best, killed.High, killed.Status));
        Assert.Equal(new ViewPoint(Day(3, 26).AddTicks(-1), null, null), view.Point);
    }

    [Fact]
    public void A_report_published_exactly_at_the_point_counts()
    {
        var stream = new IncidentStreamBuilder().Open();
        stream.Report(LongWarJournal, Day(3, 23), new CasualtiesFact { Killed = ReportedCount.AtLeast(3) });
        stream.Report(Itic, Day(3, 26), new CasualtiesFact { Killed = ReportedCount.Exact(4) });

        var view = stream.View(asOf: Day(3, 26));

        Assert.Equal(2, view.ReportCount);
        var killed = view.Casualties.Killed;
        Assert.NotNull(killed);
        Assert.Equal((4, 4, (int?)4, FigureStatus.Agreed), (killed.Low, killed.Best, killed.High, killed.Status));
    }

    [Fact]
    public void The_current_view_has_no_point()
    {
        var stream = new IncidentStreamBuilder().Open();

        Assert.Null(stream.View().Point);
    }

    [Fact]
    public void The_timeline_is_sorted_by_time_whatever_the_recording_or_publication_order()
    {
        var stream = new IncidentStreamBuilder().Open();
        stream.Report(
            Wsws,
            Day(3, 29),
            Timeline("2018-03-23T11:15+01:00", "Trèbes: police storm the supermarket."),
            Timeline("2018-03-23T10:13+01:00", "Carcassonne: a car is hijacked."));
        stream.Report(
            Itic,
            Day(3, 26),
            Timeline("2018-03-23T10:40+01:00", "Trèbes: the gunman enters the supermarket."),
            Timeline("2018-03-23", "The attack."));

        var timeline = stream.View().Timeline;

        Assert.Equal(
            ["Carcassonne: a car is hijacked.", "Trèbes: the gunman enters the supermarket.", "Trèbes: police storm the supermarket.", "The attack."],
            timeline.Select(t => t.Description));
    }

    [Fact]
    public void A_timed_entry_comes_before_the_date_only_entries_of_its_day_which_keep_their_reported_order_and_a_month_follows_its_days()
    {
        var stream = new IncidentStreamBuilder().Open();
        stream.Report(
            LongWarJournal,
            Day(3, 23),
            Timeline("2018-03-23", "A hostage crisis began in Trèbes."),
            Timeline("2018-03", "France raised its alert level."),
            Timeline("2018-03-24", "The prosecutor spoke."),
            Timeline("2018-03-23", "Police stormed the supermarket."));
        stream.Report(
            Wsws,
            Day(3, 29),
            Timeline("2018-03-23T10:00+01:00", "He stopped a car in Carcassonne."),
            Timeline("2018-03-24T02:00+09:00", "Reported in Tokyo on the 24th."),
            Timeline("2018", "A year of attacks."));

        var timeline = stream.View().Timeline;

        Assert.Equal(
            [
                "He stopped a car in Carcassonne.", "A hostage crisis began in Trèbes.", "Police stormed the supermarket.",
                "Reported in Tokyo on the 24th.", "The prosecutor spoke.", "France raised its alert level.", "A year of attacks.",
            ],
            timeline.Select(t => t.Description));
    }

    [Fact]
    public void The_same_timeline_entry_from_two_reports_is_one_entry_with_both_sources()
    {
        var stream = new IncidentStreamBuilder().Open();
        var later = stream.Report(Wsws, Day(3, 29), Timeline("2018-03-23T10:13+01:00", "Carcassonne: a car is hijacked.") with { Approximate = true });
        var earlier = stream.Report(Itic, Day(3, 26), Timeline("2018-03-23T09:13Z", "CARCASSONNE: A CAR IS HIJACKED."));

        var entry = Assert.Single(stream.View().Timeline);

        Assert.Equal("CARCASSONNE: A CAR IS HIJACKED.", entry.Description);
        Assert.True(entry.Approximate);
        Assert.Equal([earlier.ReportId, later.ReportId], entry.Sources.Select(s => s.ReportId));
    }

    [Fact]
    public void Casualty_categories_nobody_reported_are_null()
    {
        var stream = new IncidentStreamBuilder().Open();
        stream.Report(LongWarJournal, Day(3, 23), new CasualtiesFact { Killed = ReportedCount.AtLeast(3) });

        var view = stream.View();

        Assert.NotNull(view.Casualties.Killed);
        Assert.Null(view.Casualties.Wounded);
        Assert.Null(view.Casualties.PerpetratorsKilled);
        Assert.Null(view.Casualties.PerpetratorsWounded);
        Assert.Null(view.Casualties.Hostages);
        Assert.Contains("\"wounded\":null", Json(view), StringComparison.Ordinal);
    }

    private static TimelineFact Timeline(string at, string description) => new() { At = ReportedTime.Parse(at), Description = description };

    private static string Json(IncidentView view) => JsonSerializer.Serialize(view, IncidentJson.Options);

    private static IncidentStreamBuilder RichStream()
    {
        var stream = new IncidentStreamBuilder().Open();
        stream.Report(
            LongWarJournal,
            Day(3, 23),
            new CasualtiesFact { Killed = ReportedCount.AtLeast(3) },
            new PerpetratorFact { Name = "Radouane Lakdim", Nationality = "Moroccan" },
            new PersonFact { Key = "beltrame", Name = "Arnaud Beltrame", Role = "gendarme", Status = PersonStatus.Wounded });
        var itic = stream.Report(
            Itic,
            Day(3, 26),
            new CasualtiesFact { Killed = ReportedCount.Exact(4), Wounded = ReportedCount.Exact(15) },
            new PerpetratorFact { Name = "Radouane Lakdim", Nationality = "French", Aliases = ["Redouane"] },
            new PersonFact { Key = "beltrame", Role = "gendarme", Status = PersonStatus.Killed },
            new AttackTypeFact { AttackTypes = [AttackType.ArmedAssault, AttackType.HostageTakingBarricade] });
        stream.Report(Wsws, Day(3, 29), new CasualtiesFact { Wounded = ReportedCount.Exact(16) }, Timeline("2018-03-23T10:13+01:00", "A car is hijacked."));
        stream.Retract(RetractionKind.WithdrawnBySource, Day(4, 1), itic.FactIds[3]);
        stream.Adjudicate(CasualtyCategory.Wounded, 16, "Hospital list.", Day(4, 2));
        return stream;
    }
}
