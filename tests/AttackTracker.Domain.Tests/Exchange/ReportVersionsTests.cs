using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Corrections;
using AttackTracker.Domain.Exchange;
using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Sources;
using AttackTracker.Domain.Writes;

namespace AttackTracker.Domain.Tests.Exchange;

/// <summary>Versions of a data set's row (ACLED's timestamp, issue 23): the newest counts, the older are withdrawn by the source as of the next, in any import order.</summary>
public sealed class ReportVersionsTests
{
    private static readonly SourceRef Acled = new(SourceNames.IdFor("ACLED"), "ACLED", SourceKind.Research, Reliability.B);
    private static readonly DateTimeOffset First = new(2023, 2, 20, 13, 33, 20, TimeSpan.Zero);
    private static readonly DateTimeOffset Second = First.AddDays(9);
    private static readonly DateTimeOffset Third = First.AddDays(30);

    private static SubmittedReport Version(IncidentStreamBuilder stream, string key, DateTimeOffset at, int killed)
    {
        var command = new SubmitReport(
            stream.IncidentId, new SourceRequest("ACLED", null, SourceKind.Research, null), ReportVersions.Title("ACLED", key, at), null, at, null,
            [new CasualtiesFact { Killed = ReportedCount.Exact(killed) }]);
        var reportId = stream.NewId();
        var events = ReportDecision.Decide(command, Acled, reportId, stream.NewId);
        foreach (var e in events)
        {
            stream.Append(e);
        }

        return new SubmittedReport(reportId, ((ReportSubmitted)events[0]).FactIds);
    }

    private static void Apply(IncidentStreamBuilder stream, IEnumerable<RetractionRequest> withdrawals)
    {
        foreach (var withdrawal in withdrawals)
        {
            var now = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var decided = CorrectionDecisions.Decide(withdrawal, new WriteContext(stream.Fold(), null, null, now, "test", now, Guid.NewGuid));
            Assert.True(decided.Invalid is null && decided.Conflict is null, string.Join("; ", decided.Invalid?.ToDictionary().SelectMany(e => e.Value) ?? []) + decided.Conflict);
            stream.Append(decided.Events[0].Data);
        }
    }

    [Fact]
    public void The_title_names_the_key_and_version_and_reads_back_whatever_the_data_sets_name()
    {
        Assert.Equal("ACLED event NIG31234, version of 2023-02-20T13:33:20Z", ReportVersions.Title("ACLED", "NIG31234", First));
        Assert.Equal("NIG31234", ReportVersions.Key(ReportVersions.Title("Armed Conflict event data", "NIG31234", First)));
        Assert.Null(ReportVersions.Key("UCDP GED 2024-06, event 244657 (0a1b2c3d4e5f)"));
    }

    [Fact]
    public void A_newer_version_withdraws_the_older_as_of_its_own_time_and_the_view_shows_each_in_its_time()
    {
        var stream = new IncidentStreamBuilder().Open(occurredOn: "2023-02-16", country: "NG", place: "Konduga");
        var first = Version(stream, "NIG31234", First, 4);
        Version(stream, "NIG31234", Second, 6);

        var withdrawals = ReportVersions.Superseded(stream.Fold(), "acled", "NIG31234");

        var only = Assert.Single(withdrawals);
        Assert.Equal(first.FactIds, only.FactIds!);
        Assert.Equal((RetractionKind.WithdrawnBySource, "2023-03-01T13:33:20Z"), (only.Kind!.Value, only.PublishedAt));
        Apply(stream, withdrawals);
        Assert.Equal(6, stream.View().Casualties.Killed!.Best);
        Assert.Equal(4, stream.View(Second.AddSeconds(-1)).Casualties.Killed!.Best);
        Assert.Empty(ReportVersions.Superseded(stream.Fold(), "ACLED", "NIG31234"));
    }

    [Fact]
    public void Versions_imported_out_of_order_end_as_in_order()
    {
        var stream = new IncidentStreamBuilder().Open(occurredOn: "2023-02-16", country: "NG", place: "Konduga");
        Version(stream, "NIG31234", Third, 7);
        Apply(stream, ReportVersions.Superseded(stream.Fold(), "ACLED", "NIG31234"));
        var old = Version(stream, "NIG31234", First, 4);
        Apply(stream, ReportVersions.Superseded(stream.Fold(), "ACLED", "NIG31234"));
        var middle = Version(stream, "NIG31234", Second, 6);
        Apply(stream, ReportVersions.Superseded(stream.Fold(), "ACLED", "NIG31234"));

        var state = stream.Fold();
        Assert.Equal(Third, state.Retractions[old.FactIds[0]].PublishedAt);
        Assert.Equal(Third, state.Retractions[middle.FactIds[0]].PublishedAt);
        Assert.Equal(7, stream.View().Casualties.Killed!.Best);
        Assert.Equal(6, stream.View(Third.AddSeconds(-1)).Casualties.Killed!.Best);
    }

    [Fact]
    public void Another_keys_versions_and_another_sources_reports_are_left_alone()
    {
        var stream = new IncidentStreamBuilder().Open(occurredOn: "2023-02-16", country: "NG", place: "Konduga");
        Version(stream, "NIG31234", First, 4);
        Version(stream, "NIG99999", Second, 6);
        stream.Report(TrebesSources.LongWarJournal, Second, new CasualtiesFact { Killed = ReportedCount.Exact(5) });

        Assert.Empty(ReportVersions.Superseded(stream.Fold(), "ACLED", "NIG31234"));
    }

    [Fact]
    public void A_row_missing_from_an_export_is_withdrawn_as_of_the_release_or_a_second_after_a_later_version()
    {
        var stream = new IncidentStreamBuilder().Open(occurredOn: "2023-02-16", country: "NG", place: "Konduga");
        var version = Version(stream, "NIG31234", First, 4);
        stream.Report(TrebesSources.LongWarJournal, Second, new CasualtiesFact { Killed = ReportedCount.Exact(5) });

        var withdrawals = ReportVersions.Missing(stream.Fold(), "ACLED", new DateTimeOffset(2023, 6, 1, 0, 0, 0, TimeSpan.Zero), "Not in the export.");
        var late = ReportVersions.Missing(stream.Fold(), "ACLED", new DateTimeOffset(2023, 2, 20, 0, 0, 0, TimeSpan.Zero), "Not in the export.");

        Assert.Equal(version.FactIds, Assert.Single(withdrawals).FactIds!);
        Assert.Equal("2023-06-01T00:00:00Z", withdrawals[0].PublishedAt);
        Assert.Equal("2023-02-20T13:33:21Z", Assert.Single(late).PublishedAt);
        Apply(stream, withdrawals);
        Assert.Equal(5, stream.View().Casualties.Killed!.Best);
        Assert.Empty(ReportVersions.Missing(stream.Fold(), "ACLED", new DateTimeOffset(2023, 6, 1, 0, 0, 0, TimeSpan.Zero), "Not in the export."));
    }
}
