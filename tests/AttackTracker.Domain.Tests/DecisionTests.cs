using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Sources;

namespace AttackTracker.Domain.Tests;

public class DecisionTests
{
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid IncidentId = new("7c4e2a10-5d3b-4f6a-8e9c-0a1b2c3d4e5f");
    private static readonly SourceRef Itic = new(SourceNames.IdFor("ITIC"), "ITIC", SourceKind.Research, Reliability.B);

    [Fact]
    public void A_report_is_submitted_first_and_lists_its_fact_ids_in_order()
    {
        var reportId = new Guid("00000000-0000-4000-8000-0000000000aa");
        var ids = Ids(3);
        var command = Command(
            new CasualtiesFact { Killed = ReportedCount.Exact(4) },
            new NoteFact { Text = "First." },
            new NoteFact { Text = "Second." });

        var events = ReportDecision.Decide(command, Itic, reportId, Sequence(ids));

        var submitted = Assert.IsType<ReportSubmitted>(events[0]);
        Assert.Equal(
            new ReportSubmitted(reportId, Itic, command.Title, command.Url, command.PublishedAt, command.Credibility, ids),
            submitted with { FactIds = ids });
        Assert.Equal(ids, submitted.FactIds);
        Assert.Equal(4, events.Count);
    }

    [Fact]
    public void Each_fact_becomes_one_event_of_its_type_with_its_id_and_the_report_id()
    {
        var reportId = new Guid("00000000-0000-4000-8000-0000000000bb");
        Fact[] facts =
        [
            new CasualtiesFact { Killed = ReportedCount.Exact(4) },
            new PerpetratorFact { Name = "Radouane Lakdim" },
            new ClaimFact { Claimant = "Islamic State", Channel = "Amaq" },
            new AttackTypeFact { AttackTypes = [AttackType.HostageTakingBarricade] },
            new WeaponFact { WeaponType = WeaponType.Firearms },
            new TargetFact { TargetType = TargetType.Police },
            new LocationFact { City = "Trèbes", Country = "FR" },
            new TimelineFact { At = ReportedTime.Parse("2018-03-23T10:40+01:00"), Description = "The gunman enters the supermarket." },
            new PersonFact { Name = "Arnaud Beltrame", Role = "gendarme", Status = PersonStatus.Killed },
            new DemandFact { Text = "The release of Salah Abdeslam." },
            new NoteFact { Text = "The gunman was shot by the police." },
        ];
        var ids = Ids(facts.Length);

        var events = ReportDecision.Decide(Command(facts), Itic, reportId, Sequence(ids));

        Assert.Equal(
            [
                typeof(ReportSubmitted), typeof(CasualtiesReported), typeof(PerpetratorDescribed), typeof(ResponsibilityClaimed),
                typeof(AttackTypesReported), typeof(WeaponReported), typeof(TargetReported), typeof(LocationReported),
                typeof(TimelineEntryReported), typeof(PersonReported), typeof(DemandReported), typeof(NoteRecorded),
            ],
            events.Select(e => e.GetType()));
        var factEvents = events.Skip(1).Cast<IFactReported>().ToList();
        Assert.Equal(ids, factEvents.Select(e => e.FactId));
        Assert.All(factEvents, e => Assert.Equal(reportId, e.ReportId));
        Assert.Equal(facts, factEvents.Select(e => e.Payload));
    }

    [Fact]
    public void A_source_used_for_the_first_time_is_registered_with_default_kind_and_grade()
    {
        var (source, registration) = SourceDecision.Decide(new SourceRequest("Le Monde", null, null, null), existing: null, "https://www.lemonde.fr");

        var id = SourceNames.IdFor("Le Monde");
        Assert.Equal(new SourceRegistered(id, "Le Monde", SourceKind.Other, Reliability.F, "https://www.lemonde.fr"), registration);
        Assert.Equal(new SourceRef(id, "Le Monde", SourceKind.Other, Reliability.F), source);
    }

    [Fact]
    public void A_source_used_for_the_first_time_takes_the_kind_and_grade_it_was_given()
    {
        var (source, registration) = SourceDecision.Decide(new SourceRequest("Le Monde", null, SourceKind.News, Reliability.B), existing: null, url: null);

        Assert.Equal(new SourceRegistered(SourceNames.IdFor("Le Monde"), "Le Monde", SourceKind.News, Reliability.B, null), registration);
        Assert.Equal((SourceKind.News, Reliability.B), (source.Kind, source.Reliability));
    }

    [Theory]
    [InlineData(SourceKind.Research, Reliability.B)]
    [InlineData(null, null)]
    [InlineData(null, Reliability.B)]
    [InlineData(SourceKind.Research, null)]
    public void A_known_source_given_its_current_grade_or_none_needs_no_event(SourceKind? kind, Reliability? reliability)
    {
        var (source, change) = SourceDecision.Decide(new SourceRequest("itic", null, kind, reliability), Itic, url: null);

        Assert.Null(change);
        Assert.Equal(Itic, source);
    }

    [Fact]
    public void A_known_source_given_a_different_grade_is_regraded()
    {
        var (source, change) = SourceDecision.Decide(new SourceRequest("ITIC", null, null, Reliability.A), Itic, url: null);

        Assert.Equal(new SourceGraded(Itic.Id, SourceKind.Research, Reliability.A), change);
        Assert.Equal(Itic with { Reliability = Reliability.A }, source);
    }

    [Fact]
    public void A_known_source_given_a_different_kind_is_regraded()
    {
        var (source, change) = SourceDecision.Decide(new SourceRequest("ITIC", null, SourceKind.Official, null), Itic, url: null);

        Assert.Equal(new SourceGraded(Itic.Id, SourceKind.Official, Reliability.B), change);
        Assert.Equal(Itic with { Kind = SourceKind.Official }, source);
    }

    [Theory]
    [InlineData("Le Monde")]
    [InlineData("le monde")]
    [InlineData("  LE   MONDE  ")]
    [InlineData("Le\tMonde")]
    [InlineData("Lé Mondé")]
    [InlineData("LE MÖNDE")]
    public void Source_names_match_ignoring_case_accents_and_spacing(string name)
    {
        Assert.Equal("le monde", SourceNames.Normalize(name));
        Assert.Equal(SourceNames.IdFor("Le Monde"), SourceNames.IdFor(name));
    }

    [Fact]
    public void Composed_and_decomposed_accents_give_the_same_id()
    {
        Assert.Equal(SourceNames.IdFor("Trèbes"), SourceNames.IdFor("Tre\u0300bes"));
    }

    [Theory]
    [InlineData("Le Figaro")]
    [InlineData("Le Monde diplomatique")]
    [InlineData("LeMonde")]
    public void Different_source_names_give_different_ids(string other)
    {
        Assert.NotEqual(SourceNames.IdFor("Le Monde"), SourceNames.IdFor(other));
    }

    [Fact]
    public void A_source_id_is_a_version_8_uuid()
    {
        Assert.Equal(8, SourceNames.IdFor("Le Monde").Version);
    }

    [Fact]
    public void A_valid_incident_opens_with_trimmed_fields()
    {
        var errors = new ValidationErrors();

        var opened = OpenIncidentDecision.Decide(
            IncidentId,
            new OpenIncidentRequest(" Supermarket hostage-taking in Trèbes ", "2018-03-23", "FR", " Trèbes, Aude ", "A gunman took hostages.\nFour were killed."),
            Now,
            errors);

        Assert.True(errors.IsEmpty);
        Assert.Equal(
            new IncidentOpened(IncidentId, "Supermarket hostage-taking in Trèbes", ReportedTime.Parse("2018-03-23"), "FR", "Trèbes, Aude", "A gunman took hostages.\nFour were killed."),
            opened);
    }

    [Theory]
    [InlineData(null, "2018-03-23", "FR", "Trèbes", "title")]
    [InlineData("Trèbes\nattack", "2018-03-23", "FR", "Trèbes", "title")]
    [InlineData("Trèbes", null, "FR", "Trèbes", "occurredOn")]
    [InlineData("Trèbes", "23/03/2018", "FR", "Trèbes", "occurredOn")]
    [InlineData("Trèbes", "2030-01-01", "FR", "Trèbes", "occurredOn")]
    [InlineData("Trèbes", "1700", "FR", "Trèbes", "occurredOn")]
    [InlineData("Trèbes", "2018-03-23", null, "Trèbes", "country")]
    [InlineData("Trèbes", "2018-03-23", "XX", "Trèbes", "country")]
    [InlineData("Trèbes", "2018-03-23", "fr", "Trèbes", "country")]
    [InlineData("Trèbes", "2018-03-23", "FRA", "Trèbes", "country")]
    [InlineData("Trèbes", "2018-03-23", "France", "Trèbes", "country")]
    [InlineData("Trèbes", "2018-03-23", "FR", null, "place")]
    [InlineData("Trèbes", "2018-03-23", "FR", "  ", "place")]
    public void An_invalid_incident_is_not_opened_and_the_error_names_the_field(string? title, string? occurredOn, string? country, string? place, string path)
    {
        var errors = new ValidationErrors();

        var opened = OpenIncidentDecision.Decide(IncidentId, new OpenIncidentRequest(title, occurredOn, country, place, null), Now, errors);

        Assert.Null(opened);
        Assert.Equal([path], errors.ToDictionary().Keys);
    }

    private static SubmitReport Command(params Fact[] facts) => new(
        IncidentId,
        new SourceRequest(Itic.Name, null, null, null),
        "ISIS-inspired Terrorist Attack in the South of France",
        "https://www.terrorism-info.org.il/en/",
        new DateTimeOffset(2018, 3, 26, 0, 0, 0, TimeSpan.Zero),
        2,
        facts);

    private static List<Guid> Ids(int count) => [.. Enumerable.Range(1, count).Select(i => new Guid($"00000000-0000-4000-8000-{i:D12}"))];

    private static Func<Guid> Sequence(List<Guid> ids)
    {
        var next = 0;
        return () => ids[next++];
    }
}
