using AttackTracker.Domain.Exchange;

namespace AttackTracker.Domain.Tests.Exchange;

/// <summary>The data sets' dates as they write them, and a span of days as the record's date.</summary>
public sealed class DatasetDatesTests
{
    [Theory]
    [InlineData("9-Feb-68", "1968-02-09")]
    [InlineData("09-Feb-68", "1968-02-09")]
    [InlineData("23-Mar-18", "2018-03-23")]
    [InlineData("31-Dec-99", "1999-12-31")]
    [InlineData("1-Jan-00", "2000-01-01")]
    [InlineData("9-Feb-1968", "1968-02-09")]
    [InlineData("3/23/2018", "2018-03-23")]
    [InlineData("2/9/1968", "1968-02-09")]
    [InlineData("1968-02-09", "1968-02-09")]
    public void RAND_dates_are_read_as_RAND_writes_them(string text, string day) =>
        Assert.Equal(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), DatasetDates.Rand(text));

    [Theory]
    [InlineData("23/3/2018")]
    [InlineData("30-Feb-18")]
    [InlineData("Mar 23 2018")]
    [InlineData("23-Mar")]
    public void A_RAND_date_that_is_none_of_its_forms_is_not_read(string text) => Assert.Null(DatasetDates.Rand(text));

    [Theory]
    [InlineData("2017-07-31", "2017-07-31")]
    [InlineData("2017-07-31 00:00:00.000", "2017-07-31")]
    [InlineData("2017-07-31T00:00:00", "2017-07-31")]
    [InlineData("16 February 2023", "2023-02-16")]
    [InlineData("16-Feb-2023", "2023-02-16")]
    public void ISO_and_written_out_dates_are_read(string text, string day) =>
        Assert.Equal(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), DatasetDates.Written(text));

    [Fact]
    public void A_date_with_a_time_of_day_is_not_a_date() => Assert.Null(DatasetDates.Iso("2017-07-31 14:00:00.000"));

    [Theory]
    [InlineData("2017-03-02", "2017-03-02", null, "2017-03-02")]
    [InlineData("2017-03-02", "2017-03-05", null, "2017-03")]
    [InlineData("2017-03-29", "2017-04-02", null, "2017")]
    [InlineData("2016-12-29", "2017-01-02", 2017, "2017")]
    [InlineData("2016-12-29", "2017-01-02", null, "2016")]
    public void A_span_is_filed_under_the_period_that_holds_it_and_across_years_under_the_data_sets_year(string start, string end, int? year, string expected) =>
        Assert.Equal(expected, DatasetDates.Covering(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), year));
}
