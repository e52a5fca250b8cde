using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Sources;

namespace AttackTracker.Domain.Tests.Casualties;

/// <summary>Reported counts as reconciliation sees them, and the check of the figure it makes of them.</summary>
public static class CountReports
{
    public static CountReport Report(
        ReportedCount value,
        DateTimeOffset publishedAt,
        Reliability reliability = Reliability.B,
        Guid? reportId = null) =>
        new(reportId ?? Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "source", reliability, publishedAt, value, Quote: null);

    public static DateTimeOffset At(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset Day(int day) => At(2020, 1, day);

    public static void AssertFigure(CasualtyFigure? figure, int low, int best, int? high, FigureStatus status)
    {
        Assert.NotNull(figure);
        Assert.Equal((low, best, high, status), (figure.Low, figure.Best, figure.High, figure.Status));
    }
}
