using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Reports;
using static AttackTracker.Domain.Tests.ReportRequests;

namespace AttackTracker.Domain.Tests;

public class FactValidationTests
{
    [Fact]
    public void A_negative_count_is_reported_at_its_category()
    {
        AssertRejectedAt(WithFacts(Note(), new CasualtiesFact { Killed = ReportedCount.Exact(-1) }), "facts[1].killed");
    }

    [Fact]
    public void A_range_with_a_negative_end_is_rejected()
    {
        AssertRejectedAt(WithFacts(new CasualtiesFact { Hostages = ReportedCount.Between(-2, 3) }), "facts[0].hostages");
    }

    [Fact]
    public void A_range_whose_min_is_above_its_max_is_rejected()
    {
        AssertRejectedAt(WithFacts(new CasualtiesFact { Wounded = ReportedCount.Between(16, 15) }), "facts[0].wounded");
    }

    [Fact]
    public void A_count_over_the_maximum_is_rejected()
    {
        AssertRejectedAt(WithFacts(new CasualtiesFact { PerpetratorsKilled = ReportedCount.AtLeast(Limits.MaxCount + 1) }), "facts[0].perpetratorsKilled");
        AssertRejectedAt(WithFacts(new CasualtiesFact { PerpetratorsWounded = ReportedCount.Between(1, Limits.MaxCount + 1) }), "facts[0].perpetratorsWounded");
    }

    [Fact]
    public void A_count_at_the_maximum_is_accepted()
    {
        AssertAccepted(WithFacts(new CasualtiesFact { Killed = ReportedCount.AtMost(Limits.MaxCount) }));
    }

    [Fact]
    public void A_casualties_fact_without_any_count_is_rejected()
    {
        AssertRejectedAt(WithFacts(new CasualtiesFact { Quote = "Many were hurt." }), "facts[0]");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(121)]
    public void An_age_outside_the_human_range_is_rejected(int age)
    {
        AssertRejectedAt(WithFacts(new PerpetratorFact { Name = "Radouane Lakdim", Age = age }), "facts[0].age");
    }

    [Fact]
    public void A_perpetrator_with_no_attribute_is_rejected()
    {
        AssertRejectedAt(WithFacts(new PerpetratorFact { Quote = "A man opened fire." }), "facts[0]");
        AssertRejectedAt(WithFacts(new PerpetratorFact { Key = "gunman" }), "facts[0]");
    }

    [Fact]
    public void A_perpetrator_whose_only_attribute_is_an_empty_alias_list_is_rejected()
    {
        AssertRejectedAt(WithFacts(new PerpetratorFact { Aliases = [] }), "facts[0]");
    }

    [Fact]
    public void An_unnamed_perpetrator_with_one_attribute_is_accepted()
    {
        AssertAccepted(WithFacts(new PerpetratorFact { Status = PerpetratorStatus.AtLarge }));
    }

    [Fact]
    public void A_blank_alias_is_reported_at_its_index()
    {
        AssertRejectedAt(WithFacts(new PerpetratorFact { Name = "Radouane Lakdim", Aliases = ["Redouane", " "] }), "facts[0].aliases[1]");
    }

    [Theory]
    [InlineData(91.0, 2.0, "facts[0].lat")]
    [InlineData(-90.5, 2.0, "facts[0].lat")]
    [InlineData(double.NaN, 2.0, "facts[0].lat")]
    [InlineData(43.2, 180.5, "facts[0].lon")]
    [InlineData(43.2, double.PositiveInfinity, "facts[0].lon")]
    public void A_coordinate_out_of_range_is_reported_at_its_field(double lat, double lon, string path)
    {
        AssertRejectedAt(WithFacts(new LocationFact { Lat = lat, Lon = lon }), path);
    }

    [Fact]
    public void A_location_with_lat_but_no_lon_is_rejected()
    {
        AssertRejectedAt(WithFacts(new LocationFact { Place = "Super U, Trèbes", Lat = 43.2 }), "facts[0]");
    }

    [Fact]
    public void A_location_with_nothing_to_place_it_is_rejected()
    {
        AssertRejectedAt(WithFacts(new LocationFact { Quote = "Somewhere in the south." }), "facts[0]");
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("fr")]
    [InlineData("FRA")]
    public void A_location_country_that_is_not_an_iso_code_is_rejected(string country)
    {
        AssertRejectedAt(WithFacts(new LocationFact { City = "Trèbes", Country = country }), "facts[0].country");
    }

    [Fact]
    public void A_location_with_coordinates_and_a_country_is_accepted()
    {
        AssertAccepted(WithFacts(new LocationFact { Country = " FR ", Lat = 43.2103, Lon = 2.4431 }));
    }

    [Fact]
    public void An_empty_attack_type_list_is_rejected()
    {
        AssertRejectedAt(WithFacts(new AttackTypeFact { AttackTypes = [] }), "facts[0].attackTypes");
    }

    [Fact]
    public void A_timeline_entry_in_the_future_is_rejected()
    {
        AssertRejectedAt(WithFacts(new TimelineFact { At = ReportedTime.Parse("2030-01-01"), Description = "Later." }), "facts[0].at");
    }

    [Fact]
    public void A_claim_dated_before_the_earliest_year_is_rejected()
    {
        AssertRejectedAt(WithFacts(new ClaimFact { Claimant = "Islamic State", ClaimedAt = ReportedTime.Parse("1700") }), "facts[0].claimedAt");
    }

    [Fact]
    public void Errors_in_several_facts_are_reported_at_each_index()
    {
        var request = WithFacts(
            new CasualtiesFact { Killed = ReportedCount.Exact(-1) },
            Note(),
            new PerpetratorFact { Name = "Radouane Lakdim", Age = 200 });

        Assert.Equal(["facts[0].killed", "facts[2].age"], Errors(request).Keys.Order(StringComparer.Ordinal));
    }
}
