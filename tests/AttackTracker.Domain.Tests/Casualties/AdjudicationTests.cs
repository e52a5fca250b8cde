using AttackTracker.Domain.Casualties;
using static AttackTracker.Domain.Tests.Casualties.CountReports;

namespace AttackTracker.Domain.Tests.Casualties;

/// <summary>An editor's ruling on a figure: it sets the best value, widens the bounds, and ends with a newer report.</summary>
public class AdjudicationTests
{
    [Fact]
    public void An_adjudication_sets_the_best_figure_and_widens_the_bounds()
    {
        var adjudication = new Adjudication(17, "Hospital list names seventeen.", "analyst", Day(10));

        var figure = Reconciliation.Reconcile(
        [
            Report(ReportedCount.Exact(15), Day(1)),
            Report(ReportedCount.Exact(16), Day(2)),
        ],
        adjudication);

        AssertFigure(figure, low: 15, best: 17, high: 17, FigureStatus.Adjudicated);
        Assert.Equal("Hospital list names seventeen.", figure!.Rationale);
        Assert.Equal(2, figure.Reports.Count);
    }

    [Fact]
    public void An_adjudication_below_the_reports_lowers_the_low()
    {
        var adjudication = new Adjudication(3, "One death was counted twice.", "analyst", Day(10));

        var figure = Reconciliation.Reconcile([Report(ReportedCount.Exact(4), Day(1))], adjudication);

        AssertFigure(figure, low: 3, best: 3, high: 4, FigureStatus.Adjudicated);
    }

    [Fact]
    public void An_adjudication_keeps_an_unbounded_high_unbounded()
    {
        var adjudication = new Adjudication(6, "Coroner's count.", "analyst", Day(10));

        var figure = Reconciliation.Reconcile([Report(ReportedCount.AtLeast(3), Day(1))], adjudication);

        AssertFigure(figure, low: 3, best: 6, high: null, FigureStatus.Adjudicated);
    }

    [Fact]
    public void An_adjudication_still_holds_for_a_report_published_at_the_same_moment()
    {
        var adjudication = new Adjudication(17, "Hospital list.", "analyst", Day(2));

        var figure = Reconciliation.Reconcile([Report(ReportedCount.Exact(16), Day(2))], adjudication);

        AssertFigure(figure, low: 16, best: 17, high: 17, FigureStatus.Adjudicated);
    }

    [Fact]
    public void A_report_published_after_the_adjudication_ends_it()
    {
        var adjudication = new Adjudication(17, "Hospital list.", "analyst", Day(2));

        var figure = Reconciliation.Reconcile(
        [
            Report(ReportedCount.Exact(15), Day(1)),
            Report(ReportedCount.Exact(16), Day(3)),
        ],
        adjudication);

        AssertFigure(figure, low: 15, best: 16, high: 16, FigureStatus.Disputed);
        Assert.Null(figure!.Rationale);
    }

    [Fact]
    public void An_adjudication_without_reports_is_the_whole_figure()
    {
        var adjudication = new Adjudication(2, "Confirmed by the prosecutor.", "analyst", Day(1));

        var figure = Reconciliation.Reconcile([], adjudication);

        AssertFigure(figure, low: 2, best: 2, high: 2, FigureStatus.Adjudicated);
        Assert.Equal("Confirmed by the prosecutor.", figure!.Rationale);
        Assert.Empty(figure.Reports);
    }
}
