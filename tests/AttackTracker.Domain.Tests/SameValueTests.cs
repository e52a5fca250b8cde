using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;
using static AttackTracker.Domain.Tests.TrebesSources;

namespace AttackTracker.Domain.Tests;

/// <summary>What counts as the same value, more detail, or a conflict (docs/reconciliation.md).</summary>
public class SameValueTests
{
    [Theory]
    [InlineData("Moroccan Frenchman", "French Moroccan")]
    [InlineData("Carcassonne", "an apartment in Carcassonne, shared with his mother and four sisters")]
    [InlineData("Islamic State (swore allegiance during the stand-off)", "Islamic State of Iraq and Syria (ISIS) (he reportedly said he was a member)")]
    [InlineData("Lakdim", "Redouane LAKDÎM")]
    public void Texts_agree_when_every_word_of_one_is_in_the_other(string first, string second)
    {
        Assert.True(ValueAgreement.Agree(first, second));
        Assert.True(ValueAgreement.Agree(second, first));
    }

    [Theory]
    [InlineData("Moroccan", "French")]
    [InlineData("Carcassonne", "Toulouse")]
    [InlineData("Redouane Lakdim", "Radouane Lakdim")]
    [InlineData("ISIS-inspired", "Islamic State")]
    [InlineData("Man", "Manchester")]
    public void Texts_conflict_when_each_says_something_the_other_does_not(string first, string second) =>
        Assert.False(ValueAgreement.Agree(first, second));

    [Fact]
    public void Numbers_and_yes_or_no_agree_only_when_equal()
    {
        Assert.True(ValueAgreement.Agree(25, 25));
        Assert.False(ValueAgreement.Agree(25, 26));
        Assert.False(ValueAgreement.Agree(true, false));
    }

    [Fact]
    public void Two_wordings_of_one_nationality_and_a_fuller_residence_are_no_conflict()
    {
        var stream = new IncidentStreamBuilder().Open();
        stream.Report(Itic, Day(3, 26), new PerpetratorFact { Name = "Redouane Lakdim", Nationality = "Moroccan Frenchman", Residence = "Carcassonne" });
        stream.Report(Encyclopedia, Day(3, 23, 2019), new PerpetratorFact { Name = "Redouane Lakdim", Nationality = "French Moroccan", Residence = "an apartment in Carcassonne, shared with his mother" });

        var perpetrator = Assert.Single(stream.View().Perpetrators);

        Assert.Equal(["Moroccan Frenchman", "French Moroccan"], perpetrator.Attributes["nationality"].Values.Select(v => v.Value));
        Assert.False(perpetrator.Attributes["nationality"].Conflicting);
        Assert.False(perpetrator.Attributes["residence"].Conflicting);
        Assert.False(perpetrator.Conflicting);
    }

    [Fact]
    public void A_claim_without_channel_or_date_is_listed_once_with_the_claim_that_gives_them()
    {
        var stream = new IncidentStreamBuilder().Open();
        var lwj = stream.Report(LongWarJournal, Day(3, 23), Claim("Islamic State", "Amaq News Agency", "2018-03-23"));
        var wsws = stream.Report(Wsws, Day(3, 29), Claim("islamic state", "AMAQ NEWS AGENCY", null));
        var encyclopedia = stream.Report(Encyclopedia, Day(3, 23, 2019), Claim("Islamic State", null, null));

        var claim = Assert.Single(stream.View().Claims);

        Assert.Equal(new ClaimValue("Islamic State", "Amaq News Agency", ReportedTime.Parse("2018-03-23"), null), claim.Value);
        Assert.Equal([lwj.ReportId, wsws.ReportId, encyclopedia.ReportId], claim.Sources.Select(s => s.ReportId));
        Assert.Equal((Day(3, 23), Day(3, 23, 2019)), (claim.FirstPublishedAt, claim.LastPublishedAt));
    }

    [Fact]
    public void A_claim_that_two_different_claims_could_hold_stays_apart_and_another_claimant_is_another_claim()
    {
        var stream = new IncidentStreamBuilder().Open();
        stream.Report(LongWarJournal, Day(3, 23), Claim("Islamic State", "Amaq News Agency", "2018-03-23"));
        stream.Report(Itic, Day(3, 26), Claim("Islamic State", "Amaq News Agency", "2018-03-24"));
        stream.Report(Wsws, Day(3, 29), Claim("Islamic State", "Amaq News Agency", null), Claim("Another Group", null, null));

        var claims = stream.View().Claims;

        Assert.Equal(4, claims.Count);
        Assert.Equal(1, claims.Count(c => c.Value.Claimant == "Another Group"));
    }

    [Fact]
    public void A_claim_on_a_day_is_the_same_claim_as_one_at_a_time_that_day()
    {
        var stream = new IncidentStreamBuilder().Open();
        stream.Report(LongWarJournal, Day(3, 23), Claim("Islamic State", "Amaq News Agency", "2018-03-23"));
        stream.Report(Itic, Day(3, 26), Claim("Islamic State", "Amaq News Agency", "2018-03-23T16:40+01:00"));

        var claim = Assert.Single(stream.View().Claims);

        Assert.Equal(ReportedTime.Parse("2018-03-23T16:40+01:00"), claim.Value.ClaimedAt);
        Assert.Equal(2, claim.Sources.Count);
    }

    private static ClaimFact Claim(string claimant, string? channel, string? claimedAt) =>
        new() { Claimant = claimant, Channel = channel, ClaimedAt = claimedAt is null ? null : ReportedTime.Parse(claimedAt) };
}
