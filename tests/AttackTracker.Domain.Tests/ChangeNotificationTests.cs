using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Corrections;
using AttackTracker.Domain.Notifications;
using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Statistics;
using static AttackTracker.Domain.Tests.TrebesSources;

namespace AttackTracker.Domain.Tests;

/// <summary>What each commit of the seed scenario notifies (issue 11's payloads), from the pure function.</summary>
public sealed class ChangeNotificationTests
{
    /// <summary>The notifications of the events appended since <paramref name="from"/> (one commit).</summary>
    private static IReadOnlyList<ChangeNotification> Since(IncidentStreamBuilder stream, int from) =>
        ChangeNotifications.Of(stream.IncidentId, IncidentStreamBuilder.Fold(stream.Events.Take(from)), [.. stream.Events.Skip(from)]);

    [Fact]
    public void Opening_an_incident_notifies_incident_opened_and_nothing_else()
    {
        var stream = new IncidentStreamBuilder().Open();
        var opened = Assert.Single(Since(stream, 0));
        Assert.Equal((ChangeNotifications.IncidentOpened, stream.IncidentId, 1L), (opened.Kind, opened.IncidentId, opened.Version));
        Assert.Equal(IncidentStreamBuilder.Analyst, opened.RecordedBy);
    }

    [Fact]
    public void A_report_notifies_each_figure_it_moves_with_before_and_after_and_its_claims()
    {
        var stream = new IncidentStreamBuilder().Open();
        var first = stream.Events.Count;
        var report = stream.Report(LongWarJournal, Day(3, 23),
            new CasualtiesFact { Killed = ReportedCount.AtLeast(3) },
            new ClaimFact { Claimant = "Islamic State", Channel = "Amaq News Agency" });
        var notifications = Since(stream, first);

        var killed = Assert.Single(notifications, n => n.Kind == ChangeNotifications.FigureChanged);
        Assert.Equal((CasualtyCategory.Killed, (FigureRange?)null), (killed.Category!.Value, killed.Before));
        Assert.Equal(new FigureRange(3, 3, null, FigureStatus.SingleSource), killed.After);
        Assert.Equal((report.ReportId, "Long War Journal", (long)stream.Events.Count), (killed.ReportId!.Value, killed.Source, killed.Version));

        var claim = Assert.Single(notifications, n => n.Kind == ChangeNotifications.ClaimReported);
        Assert.Equal(("Islamic State", "Amaq News Agency"), (claim.Claimant, claim.Channel));
        Assert.DoesNotContain(notifications, n => n.Kind == ChangeNotifications.FigureDisputed);
    }

    [Fact]
    public void A_figure_that_becomes_disputed_notifies_the_change_and_the_dispute_once()
    {
        var stream = new IncidentStreamBuilder().Open();
        stream.Report(Itic, Day(3, 26), new CasualtiesFact { Killed = ReportedCount.Exact(4), Wounded = ReportedCount.Exact(15) });
        var before = stream.Events.Count;
        stream.Report(Wsws, Day(3, 29), new CasualtiesFact { Wounded = ReportedCount.Exact(16) });
        var notifications = Since(stream, before);

        Assert.Equal([ChangeNotifications.FigureChanged, ChangeNotifications.FigureDisputed], notifications.Select(n => n.Kind));
        var disputed = notifications[1];
        Assert.Equal(CasualtyCategory.Wounded, disputed.Category);
        Assert.Equal(FigureStatus.SingleSource, disputed.Before!.Status);
        Assert.Equal((15, 16, FigureStatus.Disputed), (disputed.After!.Low, disputed.After.High!.Value, disputed.After.Status));

        // Still disputed after a third report: the figure may change, but no second dispute.
        var third = stream.Events.Count;
        stream.Report(Encyclopedia, Day(3, 23, 2019), new CasualtiesFact { Wounded = ReportedCount.Exact(15) });
        Assert.DoesNotContain(Since(stream, third), n => n.Kind == ChangeNotifications.FigureDisputed);
    }

    [Fact]
    public void A_report_that_repeats_a_figure_moves_nothing_and_notifies_no_figure()
    {
        var stream = new IncidentStreamBuilder().Open();
        stream.Report(Itic, Day(3, 26), new CasualtiesFact { PerpetratorsKilled = ReportedCount.Exact(1) }, new NoteFact { Text = "A note." });
        var before = stream.Events.Count;
        stream.Report(Wsws, Day(3, 29), new NoteFact { Text = "Another note." });
        Assert.Empty(Since(stream, before));
    }

    [Fact]
    public void A_retraction_notifies_the_facts_and_the_figure_it_takes_back()
    {
        var stream = new IncidentStreamBuilder().Open();
        var wrong = stream.Report(Wsws, Day(3, 29), new CasualtiesFact { Killed = ReportedCount.Exact(5) });
        var before = stream.Events.Count;
        stream.Retract(RetractionKind.EnteredInError, null, wrong.FactIds[0]);
        var notifications = Since(stream, before);

        Assert.Equal(wrong.FactIds, Assert.Single(notifications, n => n.Kind == ChangeNotifications.FactRetracted).FactIds);
        var figure = Assert.Single(notifications, n => n.Kind == ChangeNotifications.FigureChanged);
        Assert.Equal((5, (FigureRange?)null), (figure.Before!.Best, figure.After));
        Assert.Null(figure.ReportId);
    }

    [Fact]
    public void An_adjudication_notifies_the_ruled_figure()
    {
        var stream = new IncidentStreamBuilder().Open();
        stream.Report(Itic, Day(3, 26), new CasualtiesFact { Wounded = ReportedCount.Exact(15) });
        stream.Report(Wsws, Day(3, 29), new CasualtiesFact { Wounded = ReportedCount.Exact(16) });
        var before = stream.Events.Count;
        stream.Adjudicate(CasualtyCategory.Wounded, 16, "Hospital figures.", Day(4, 2));
        var figure = Assert.Single(Since(stream, before));
        Assert.Equal((ChangeNotifications.FigureChanged, FigureStatus.Disputed, FigureStatus.Adjudicated), (figure.Kind, figure.Before!.Status, figure.After!.Status));
    }
}
