using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Statistics;

namespace AttackTracker.Domain.Tests;

public sealed class StatisticsTests
{
    [Theory]
    [InlineData("Islamic State", "islamic-state")]
    [InlineData("  islamic   STATE ", "islamic-state")]
    [InlineData("Islamic-State", "islamic-state")]
    [InlineData("Islamic State (swore allegiance in a video)", "islamic-state")]
    [InlineData("al Qaeda in the Arabian Peninsula (AQAP)", "al-qaeda-in-the-arabian-peninsula")]
    [InlineData("Front de libération nationale", "front-de-liberation-nationale")]
    [InlineData("(AQAP)", "aqap")]
    [InlineData("—", "")]
    public void A_group_slug_ignores_case_accents_spacing_punctuation_and_bracketed_remarks(string name, string slug) =>
        Assert.Equal(slug, GroupNames.Slug(name));

    [Fact]
    public void Sums_leave_the_high_open_when_one_figure_is_unbounded_and_count_the_figures()
    {
        var sums = FigureSums.Of([new FigureRange(3, 4, 4, FigureStatus.Agreed), null, new FigureRange(5, 5, null, FigureStatus.SingleSource)]);

        Assert.Equal(new FigureSums(8, 9, null, 2, 1, 1), sums);
        Assert.Equal(new FigureSums(3, 4, 4, 1, 0, 0), FigureSums.Of([new FigureRange(3, 4, 4, FigureStatus.Agreed)]));
    }

    [Fact]
    public void A_figure_no_incident_reports_sums_to_nothing_not_zero_and_the_incidents_without_it_are_counted()
    {
        Assert.Equal(new FigureSums(null, null, null, 0, 2, 0), FigureSums.Of([null, null]));
        Assert.Equal(new FigureSums(null, null, null, 0, 0, 0), FigureSums.Of([]));

        var withWounded = Contribution("FR", 2015, killed: 12, groups: []) with { Wounded = new FigureRange(11, 11, 11, FigureStatus.Agreed) };
        var row = Assert.Single(Totals.Aggregate([withWounded, Contribution("FR", 2015, killed: 4, groups: []) with { Killed = null }], StatsDimension.Year, new StatsFilter(null, null, null, null)));
        Assert.Equal(new FigureSums(12, 12, 12, 1, 1, 0), row.Killed);
        Assert.Equal(new FigureSums(11, 11, 11, 1, 1, 0), row.Wounded);
        var none = Assert.Single(Totals.Aggregate([Contribution("BE", 2016, killed: 1, groups: [])], StatsDimension.Year, new StatsFilter(null, null, null, null)));
        Assert.Equal(new FigureSums(null, null, null, 0, 1, 0), none.Wounded);
    }

    [Fact]
    public void An_incident_counts_once_in_each_of_its_groups_and_one_without_any_in_the_unknown_row_last()
    {
        var both = Contribution("FR", 2018, killed: 4, groups: [Link("a-group", "A Group"), Link("b-group", "B Group")]);
        var none = Contribution("FR", 2017, killed: 1, groups: []);
        var b = Contribution("BE", 2016, killed: 2, groups: [Link("b-group", "B group")], disputed: true);

        var rows = Totals.Aggregate([both, none, b], StatsDimension.Group, new StatsFilter(null, null, null, null));

        Assert.Equal(["a-group", "b-group", null], rows.Select(r => r.Key.Group));
        Assert.Equal([1, 2, 1], rows.Select(r => r.Incidents));
        Assert.Equal([4L, 6L, 1L], rows.Select(r => r.Killed.Best));
        Assert.Equal("B Group", rows[1].Label); // the spellings tie: the first in ordinal order
        Assert.Equal(1, rows[1].Disputed);
    }

    [Fact]
    public void The_filter_admits_by_country_occurrence_and_group()
    {
        var contribution = Contribution("FR", 2018, killed: 4, groups: [Link("a-group", "A Group")]);

        Assert.True(new StatsFilter("FR", new DateOnly(2018, 1, 1), new DateOnly(2018, 12, 31), "a-group").Admits(contribution));
        Assert.False(new StatsFilter("BE", null, null, null).Admits(contribution));
        Assert.False(new StatsFilter(null, new DateOnly(2019, 1, 1), null, null).Admits(contribution));
        Assert.False(new StatsFilter(null, null, null, "b-group").Admits(contribution));
    }

    [Fact]
    public void A_profile_takes_the_most_used_spelling_its_countries_and_its_claims_channels()
    {
        var claim = new GroupClaim("Islamic State", "Amaq", null, null, 2, DateTimeOffset.UnixEpoch);
        var profile = GroupProfile.Of("islamic-state", [
            Contribution("FR", 2015, killed: 130, groups: [Link("islamic-state", "Islamic State", claim)]),
            Contribution("BE", 2016, killed: 32, groups: [Link("islamic-state", "Islamic State", claim)]),
            Contribution("US", 2016, killed: 49, groups: [Link("islamic-state", "islamic state")]),
            Contribution("US", 2017, killed: 1, groups: []),
        ])!;

        Assert.Equal(("Islamic State", 3, 2, 1), (profile.Name, profile.Incidents, profile.Claimed, profile.Attributed));
        Assert.Equal(["BE", "FR", "US"], profile.Countries);
        Assert.Equal(211, profile.Killed.Best);
        Assert.Equal([new ChannelCount("Amaq", 2)], profile.Channels);
        Assert.Null(GroupProfile.Of("nobody", []));
    }

    private static GroupLink Link(string slug, string name, GroupClaim? claim = null) =>
        new(slug, name, claim is not null, claim is null, claim is null ? [] : [claim]);

    private static IncidentContribution Contribution(string country, int year, int killed, IReadOnlyList<GroupLink> groups, bool disputed = false) =>
        new(Guid.NewGuid(), "t", country, new DateOnly(year, 6, 1), year, groups, [], [],
            new FigureRange(killed, killed, killed, disputed ? FigureStatus.Disputed : FigureStatus.Agreed), null, disputed, false, 1, 2, 10);
}
