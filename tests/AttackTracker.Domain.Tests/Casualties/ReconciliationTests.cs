using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Sources;
using static AttackTracker.Domain.Tests.Casualties.CountReports;

namespace AttackTracker.Domain.Tests.Casualties;

/// <summary>How reports of one count agree, dispute, and which one gives the best figure.</summary>
public class ReconciliationTests
{
    [Fact]
    public void No_reports_and_no_adjudication_give_no_figure()
    {
        Assert.Null(Reconciliation.Reconcile([]));
    }

    [Fact]
    public void A_single_exact_report_is_its_own_figure()
    {
        var figure = Reconciliation.Reconcile([Report(ReportedCount.Exact(7), Day(1))]);

        AssertFigure(figure, low: 7, best: 7, high: 7, FigureStatus.SingleSource);
    }

    [Fact]
    public void A_single_at_least_report_has_no_upper_bound()
    {
        var figure = Reconciliation.Reconcile([Report(ReportedCount.AtLeast(3), Day(1))]);

        AssertFigure(figure, low: 3, best: 3, high: null, FigureStatus.SingleSource);
    }

    [Fact]
    public void A_single_at_most_report_is_only_sure_of_zero()
    {
        var figure = Reconciliation.Reconcile([Report(ReportedCount.AtMost(5), Day(1))]);

        AssertFigure(figure, low: 0, best: 0, high: 5, FigureStatus.SingleSource);
    }

    [Fact]
    public void At_least_three_and_exactly_four_agree_on_four()
    {
        var figure = Reconciliation.Reconcile(
        [
            Report(ReportedCount.AtLeast(3), Day(1)),
            Report(ReportedCount.Exact(4), Day(2)),
        ]);

        AssertFigure(figure, low: 4, best: 4, high: 4, FigureStatus.Agreed);
    }

    [Fact]
    public void Several_at_least_reports_agree_on_the_largest_and_stay_unbounded()
    {
        var figure = Reconciliation.Reconcile(
        [
            Report(ReportedCount.AtLeast(3), Day(1)),
            Report(ReportedCount.AtLeast(5), Day(2)),
        ]);

        AssertFigure(figure, low: 5, best: 5, high: null, FigureStatus.Agreed);
    }

    [Fact]
    public void At_most_and_exact_agree_on_the_exact_figure()
    {
        var figure = Reconciliation.Reconcile(
        [
            Report(ReportedCount.AtMost(10), Day(1)),
            Report(ReportedCount.Exact(6), Day(2)),
        ]);

        AssertFigure(figure, low: 6, best: 6, high: 6, FigureStatus.Agreed);
    }

    [Fact]
    public void Overlapping_ranges_agree_on_their_intersection()
    {
        var figure = Reconciliation.Reconcile(
        [
            Report(ReportedCount.Between(10, 20), Day(1)),
            Report(ReportedCount.Between(15, 30), Day(2)),
            Report(ReportedCount.AtLeast(12), Day(3)),
        ]);

        AssertFigure(figure, low: 15, best: 15, high: 20, FigureStatus.Agreed);
    }

    [Fact]
    public void Disputed_figures_take_the_most_recent_graded_report()
    {
        var figure = Reconciliation.Reconcile(
        [
            Report(ReportedCount.Exact(15), Day(1)),
            Report(ReportedCount.Exact(16), Day(2)),
        ]);

        AssertFigure(figure, low: 15, best: 16, high: 16, FigureStatus.Disputed);
    }

    [Fact]
    public void Disputed_figures_do_not_depend_on_list_order()
    {
        var figure = Reconciliation.Reconcile(
        [
            Report(ReportedCount.Exact(16), Day(2)),
            Report(ReportedCount.Exact(15), Day(1)),
        ]);

        AssertFigure(figure, low: 15, best: 16, high: 16, FigureStatus.Disputed);
    }

    [Fact]
    public void Graded_reports_outrank_a_newer_report_from_a_poor_source()
    {
        var figure = Reconciliation.Reconcile(
        [
            Report(ReportedCount.Exact(15), Day(1), Reliability.C),
            Report(ReportedCount.Exact(40), Day(5), Reliability.D),
        ]);

        AssertFigure(figure, low: 15, best: 15, high: 40, FigureStatus.Disputed);
    }

    [Fact]
    public void Without_graded_reports_the_most_recent_report_wins()
    {
        var figure = Reconciliation.Reconcile(
        [
            Report(ReportedCount.Exact(40), Day(1), Reliability.E),
            Report(ReportedCount.Exact(15), Day(5), Reliability.F),
        ]);

        AssertFigure(figure, low: 15, best: 15, high: 40, FigureStatus.Disputed);
    }

    [Fact]
    public void An_unbounded_report_counts_its_lower_bound_towards_the_disputed_high()
    {
        var figure = Reconciliation.Reconcile(
        [
            Report(ReportedCount.Exact(2), Day(1)),
            Report(ReportedCount.AtLeast(5), Day(2)),
        ]);

        AssertFigure(figure, low: 2, best: 5, high: 5, FigureStatus.Disputed);
    }

    [Fact]
    public void Disagreeing_reports_on_the_latest_date_fall_back_to_the_majority_of_all_reports()
    {
        var figure = Reconciliation.Reconcile(
        [
            Report(ReportedCount.Exact(10), Day(1)),
            Report(ReportedCount.Exact(12), Day(2), Reliability.E),
            Report(ReportedCount.Exact(12), Day(2), Reliability.E),
            Report(ReportedCount.Exact(10), Day(3)),
            Report(ReportedCount.Exact(12), Day(3)),
        ]);

        AssertFigure(figure, low: 10, best: 12, high: 12, FigureStatus.Disputed);
    }

    [Fact]
    public void Agreeing_reports_on_the_latest_date_outweigh_an_older_majority()
    {
        var figure = Reconciliation.Reconcile(
        [
            Report(ReportedCount.Exact(15), Day(1)),
            Report(ReportedCount.Exact(15), Day(1)),
            Report(ReportedCount.Exact(15), Day(2)),
            Report(ReportedCount.Exact(16), Day(3)),
            Report(ReportedCount.Exact(16), Day(3)),
        ]);

        AssertFigure(figure, low: 15, best: 16, high: 16, FigureStatus.Disputed);
    }

    [Fact]
    public void A_tied_majority_takes_the_lowest_figure()
    {
        var figure = Reconciliation.Reconcile(
        [
            Report(ReportedCount.Exact(11), Day(1)),
            Report(ReportedCount.Exact(9), Day(1)),
            Report(ReportedCount.Exact(11), Day(3)),
            Report(ReportedCount.Exact(9), Day(3)),
        ]);

        AssertFigure(figure, low: 9, best: 9, high: 11, FigureStatus.Disputed);
    }

    [Fact]
    public void A_later_fact_of_the_same_report_replaces_the_earlier_one()
    {
        var reportId = Guid.NewGuid();
        var other = Report(ReportedCount.Exact(4), Day(2));
        var corrected = Report(ReportedCount.Exact(4), Day(1), reportId: reportId);

        var figure = Reconciliation.Reconcile(
        [
            Report(ReportedCount.Exact(9), Day(1), reportId: reportId),
            other,
            corrected,
        ]);

        AssertFigure(figure, low: 4, best: 4, high: 4, FigureStatus.Agreed);
        Assert.Equal([corrected, other], figure!.Reports);
    }

    [Fact]
    public void Reports_are_listed_by_publication_date_then_list_order()
    {
        var late = Report(ReportedCount.Exact(5), Day(9));
        var earlyFirst = Report(ReportedCount.Exact(5), Day(2));
        var earlySecond = Report(ReportedCount.Exact(5), Day(2));

        var figure = Reconciliation.Reconcile([late, earlyFirst, earlySecond]);

        Assert.NotNull(figure);
        Assert.Equal([earlyFirst, earlySecond, late], figure.Reports);
    }
}
