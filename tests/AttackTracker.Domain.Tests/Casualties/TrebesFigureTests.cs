using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Sources;
using static AttackTracker.Domain.Tests.Casualties.CountReports;

namespace AttackTracker.Domain.Tests.Casualties;

/// <summary>The Trèbes figures of docs/reconciliation.md, reconciled at each publication date.</summary>
public class TrebesFigureTests
{
    [Fact]
    public void Trebes_killed_on_the_day_is_at_least_three_from_one_source()
    {
        var figure = Reconciliation.Reconcile(TrebesKilled.Where(r => r.PublishedAt <= At(2018, 3, 23)).ToList());

        AssertFigure(figure, low: 3, best: 3, high: null, FigureStatus.SingleSource);
    }

    [Fact]
    public void Trebes_killed_three_days_later_is_four_agreed()
    {
        var figure = Reconciliation.Reconcile(TrebesKilled.Where(r => r.PublishedAt <= At(2018, 3, 26)).ToList());

        AssertFigure(figure, low: 4, best: 4, high: 4, FigureStatus.Agreed);
    }

    [Fact]
    public void Trebes_killed_from_every_source_is_four_agreed()
    {
        var figure = Reconciliation.Reconcile(TrebesKilled);

        AssertFigure(figure, low: 4, best: 4, high: 4, FigureStatus.Agreed);
        Assert.Equal(4, figure!.Reports.Count);
    }

    [Fact]
    public void Trebes_wounded_three_days_later_is_fifteen_from_one_source()
    {
        var figure = Reconciliation.Reconcile(TrebesWounded.Where(r => r.PublishedAt <= At(2018, 3, 26)).ToList());

        AssertFigure(figure, low: 15, best: 15, high: 15, FigureStatus.SingleSource);
    }

    [Fact]
    public void Trebes_wounded_a_week_later_is_disputed_with_the_newer_press_figure()
    {
        var figure = Reconciliation.Reconcile(TrebesWounded.Where(r => r.PublishedAt <= At(2018, 3, 29)).ToList());

        AssertFigure(figure, low: 15, best: 16, high: 16, FigureStatus.Disputed);
    }

    [Fact]
    public void Trebes_wounded_with_the_encyclopedia_summary_takes_its_figure()
    {
        var figure = Reconciliation.Reconcile(TrebesWounded);

        AssertFigure(figure, low: 15, best: 15, high: 16, FigureStatus.Disputed);
        Assert.Equal(3, figure!.Reports.Count);
    }

    private static readonly Guid LongWarJournal = Guid.NewGuid();
    private static readonly Guid MeirAmit = Guid.NewGuid();
    private static readonly Guid WorldSocialist = Guid.NewGuid();
    private static readonly Guid Encyclopedia = Guid.NewGuid();

    private static readonly CountReport[] TrebesKilled =
    [
        Seed(LongWarJournal, "Long War Journal", Reliability.B, At(2018, 3, 23), ReportedCount.AtLeast(3)),
        Seed(MeirAmit, "terrorism-info.org.il", Reliability.B, At(2018, 3, 26), ReportedCount.Exact(4)),
        Seed(WorldSocialist, "World Socialist Web Site", Reliability.C, At(2018, 3, 29), ReportedCount.Exact(4)),
        Seed(Encyclopedia, "Encyclopedia summary", Reliability.C, At(2019, 3, 23), ReportedCount.Exact(4)),
    ];

    private static readonly CountReport[] TrebesWounded =
    [
        Seed(MeirAmit, "terrorism-info.org.il", Reliability.B, At(2018, 3, 26), ReportedCount.Exact(15)),
        Seed(WorldSocialist, "World Socialist Web Site", Reliability.C, At(2018, 3, 29), ReportedCount.Exact(16)),
        Seed(Encyclopedia, "Encyclopedia summary", Reliability.C, At(2019, 3, 23), ReportedCount.Exact(15)),
    ];

    private static CountReport Seed(Guid reportId, string source, Reliability reliability, DateTimeOffset publishedAt, ReportedCount value) =>
        new(reportId, Guid.NewGuid(), Guid.NewGuid(), source, reliability, publishedAt, value, Quote: null);
}
