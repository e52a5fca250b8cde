using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Corrections;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;
using static AttackTracker.Domain.Tests.TrebesSources;

namespace AttackTracker.Domain.Tests;

public class CorrectionFoldTests
{
    public static TheoryData<DateTimeOffset?> EveryPoint =>
    [
        null,
        Day(3, 26),
        Day(3, 27),
        Day(1, 1, year: 2030),
    ];

    [Theory]
    [MemberData(nameof(EveryPoint))]
    public void A_fact_entered_in_error_is_hidden_at_every_point(DateTimeOffset? asOf)
    {
        var stream = new IncidentStreamBuilder().Open();
        var report = stream.Report(
            Itic,
            Day(3, 26),
            new CasualtiesFact { Killed = ReportedCount.Exact(40) },
            new NoteFact { Text = "The gunman was shot by the police." });
        stream.Retract(RetractionKind.EnteredInError, publishedAt: null, report.FactIds[0]);

        var state = stream.Fold();
        var view = IncidentViewBuilder.Build(stream.IncidentId, state, asOf is null ? ViewPoint.Current : new ViewPoint(asOf, null, null));

        Assert.False(IncidentViewBuilder.Counts(state, report.FactIds[0], asOf));
        Assert.Null(view.Casualties.Killed);
        Assert.Single(view.Notes);
        Assert.True(state.HasFact(report.FactIds[0]));
    }

    [Fact]
    public void A_fact_withdrawn_by_its_source_counts_only_before_the_withdrawal()
    {
        var stream = new IncidentStreamBuilder().Open();
        var withdrawn = stream.Report(Wsws, Day(3, 29), new CasualtiesFact { Wounded = ReportedCount.Exact(16) });
        stream.Retract(RetractionKind.WithdrawnBySource, Day(4, 2), withdrawn.FactIds[0]);

        var state = stream.Fold();
        var factId = withdrawn.FactIds[0];

        Assert.True(IncidentViewBuilder.Counts(state, factId, Day(3, 30)));
        Assert.True(IncidentViewBuilder.Counts(state, factId, Day(4, 2).AddTicks(-1)));
        Assert.False(IncidentViewBuilder.Counts(state, factId, Day(4, 2)));
        Assert.False(IncidentViewBuilder.Counts(state, factId, Day(1, 1, year: 2019)));
        Assert.False(IncidentViewBuilder.Counts(state, factId, asOf: null));
    }

    [Fact]
    public void A_withdrawn_figure_is_in_the_view_before_the_withdrawal_and_gone_from_it_on()
    {
        var stream = new IncidentStreamBuilder().Open();
        stream.Report(Itic, Day(3, 26), new CasualtiesFact { Wounded = ReportedCount.Exact(15) });
        var withdrawn = stream.Report(Wsws, Day(3, 29), new CasualtiesFact { Wounded = ReportedCount.Exact(16) });
        stream.Retract(RetractionKind.WithdrawnBySource, Day(4, 2), withdrawn.FactIds[0]);

        var before = stream.View(asOf: Day(3, 30)).Casualties.Wounded;
        var at = stream.View(asOf: Day(4, 2)).Casualties.Wounded;
        var current = stream.View().Casualties.Wounded;

        Assert.Equal((15, 16, (int?)16, FigureStatus.Disputed), Summary(before));
        Assert.Equal((15, 15, (int?)15, FigureStatus.SingleSource), Summary(at));
        Assert.Equal((15, 15, (int?)15, FigureStatus.SingleSource), Summary(current));
    }

    [Fact]
    public void A_retraction_hides_only_the_facts_it_names()
    {
        var stream = new IncidentStreamBuilder().Open();
        var report = stream.Report(
            Itic,
            Day(3, 26),
            new WeaponFact { WeaponType = WeaponType.Firearms },
            new WeaponFact { WeaponType = WeaponType.Explosives },
            new WeaponFact { WeaponType = WeaponType.Melee });
        stream.Retract(RetractionKind.EnteredInError, publishedAt: null, report.FactIds[0], report.FactIds[2]);

        var weapons = stream.View().Weapons;

        Assert.Equal([WeaponType.Explosives], weapons.Select(w => w.Value.WeaponType));
    }

    [Fact]
    public void An_adjudication_holds_until_a_report_published_after_it_arrives()
    {
        var stream = new IncidentStreamBuilder().Open();
        stream.Report(Itic, Day(3, 26), new CasualtiesFact { Wounded = ReportedCount.Exact(15) });
        stream.Report(Wsws, Day(3, 29), new CasualtiesFact { Wounded = ReportedCount.Exact(16) });
        stream.Adjudicate(CasualtyCategory.Wounded, 15, "The prefecture's list names fifteen.", recordedAt: Day(4, 2));

        var ruled = stream.View().Casualties.Wounded;

        Assert.NotNull(ruled);
        Assert.Equal((15, 15, (int?)16, FigureStatus.Adjudicated), Summary(ruled));
        Assert.Equal("The prefecture's list names fifteen.", ruled.Rationale);

        stream.Report(Encyclopedia, Day(4, 3), new CasualtiesFact { Wounded = ReportedCount.Exact(16) });

        var overtaken = stream.View().Casualties.Wounded;
        var stillRuled = stream.View(asOf: Day(4, 2).AddHours(12)).Casualties.Wounded;

        Assert.NotNull(overtaken);
        Assert.Equal((15, 16, (int?)16, FigureStatus.Disputed), Summary(overtaken));
        Assert.Null(overtaken.Rationale);
        Assert.Equal(FigureStatus.Adjudicated, stillRuled?.Status);
    }

    [Fact]
    public void An_adjudication_does_not_apply_before_it_was_made()
    {
        var stream = new IncidentStreamBuilder().Open();
        stream.Report(Itic, Day(3, 26), new CasualtiesFact { Wounded = ReportedCount.Exact(15) });
        stream.Report(Wsws, Day(3, 29), new CasualtiesFact { Wounded = ReportedCount.Exact(16) });
        stream.Adjudicate(CasualtyCategory.Wounded, 15, "The prefecture's list names fifteen.", recordedAt: Day(4, 2));

        var wounded = stream.View(asOf: Day(4, 1)).Casualties.Wounded;

        Assert.NotNull(wounded);
        Assert.Equal(FigureStatus.Disputed, wounded.Status);
        Assert.Null(wounded.Rationale);
    }

    [Fact]
    public void An_adjudication_rules_only_its_own_category()
    {
        var stream = new IncidentStreamBuilder().Open();
        stream.Report(Itic, Day(3, 26), new CasualtiesFact { Killed = ReportedCount.Exact(4), Wounded = ReportedCount.Exact(15) });
        stream.Adjudicate(CasualtyCategory.Wounded, 16, "Hospital list.", recordedAt: Day(4, 2));

        var casualties = stream.View().Casualties;

        Assert.Equal(FigureStatus.Adjudicated, casualties.Wounded?.Status);
        Assert.Equal(FigureStatus.SingleSource, casualties.Killed?.Status);
    }

    [Fact]
    public void The_listing_summary_gives_the_views_figures_through_retractions_and_rulings()
    {
        var stream = new IncidentStreamBuilder().Open();
        var first = stream.Report(Itic, Day(3, 23), new CasualtiesFact { Killed = ReportedCount.AtLeast(3), Wounded = ReportedCount.Exact(15) });
        stream.Report(Wsws, Day(3, 29), new CasualtiesFact { Killed = ReportedCount.Exact(4), Wounded = ReportedCount.Exact(16) });
        stream.Report(Encyclopedia, Day(4, 3), new NoteFact { Text = "No casualty figure in this one." });
        stream.Retract(RetractionKind.EnteredInError, publishedAt: null, first.FactIds[0]);
        stream.Adjudicate(CasualtyCategory.Wounded, 16, "Hospital list.", recordedAt: Day(4, 5));

        var state = stream.Fold();
        var view = IncidentViewBuilder.Build(stream.IncidentId, state, ViewPoint.Current);
        var summary = IncidentViewBuilder.Summarize(state);

        Assert.Equal(3, summary.ReportCount);
        Assert.Equal(view.ReportCount, summary.ReportCount);
        Assert.Equal(4, summary.Killed?.Best);
        Assert.Equal(Json(view.Casualties.Killed), Json(summary.Killed));
        Assert.Equal(FigureStatus.Adjudicated, summary.Wounded?.Status);
        Assert.Equal(Json(view.Casualties.Wounded), Json(summary.Wounded));
    }

    private static string Json(CasualtyFigure? figure) => System.Text.Json.JsonSerializer.Serialize(figure, IncidentJson.Options);

    private static (int Low, int Best, int? High, FigureStatus Status) Summary(CasualtyFigure? figure)
    {
        Assert.NotNull(figure);
        return (figure.Low, figure.Best, figure.High, figure.Status);
    }
}
