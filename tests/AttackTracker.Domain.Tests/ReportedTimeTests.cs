using System.Text.Json;

namespace AttackTracker.Domain.Tests;

public class ReportedTimeTests
{
    private static readonly TimeSpan Paris = TimeSpan.FromHours(1);

    [Theory]
    [InlineData("2018", 2018, 1, 1, TimePrecision.Year)]
    [InlineData("2018-03", 2018, 3, 1, TimePrecision.Month)]
    [InlineData("2018-03-23", 2018, 3, 23, TimePrecision.Day)]
    public void A_date_parses_to_the_start_of_its_period_in_utc(string text, int year, int month, int day, TimePrecision precision)
    {
        var time = ReportedTime.Parse(text);

        Assert.Equal(new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero), time.Start);
        Assert.Equal(TimeSpan.Zero, time.Start.Offset);
        Assert.Equal(precision, time.Precision);
    }

    [Fact]
    public void A_minute_with_an_offset_keeps_the_offset()
    {
        var time = ReportedTime.Parse("2018-03-23T10:13+01:00");

        Assert.Equal(new DateTimeOffset(2018, 3, 23, 10, 13, 0, Paris), time.Start);
        Assert.Equal(Paris, time.Start.Offset);
        Assert.Equal(TimePrecision.Minute, time.Precision);
    }

    [Theory]
    [InlineData("2018-03-23T09:13")]
    [InlineData("2018-03-23T09:13Z")]
    public void A_minute_without_an_offset_is_utc(string text)
    {
        var time = ReportedTime.Parse(text);

        Assert.Equal(new DateTimeOffset(2018, 3, 23, 9, 13, 0, TimeSpan.Zero), time.Start);
        Assert.Equal(TimeSpan.Zero, time.Start.Offset);
        Assert.Equal(TimePrecision.Minute, time.Precision);
    }

    [Theory]
    [InlineData("2018-03-23T10:13:27+01:00", 0)]
    [InlineData("2018-03-23T09:13:27", 0)]
    [InlineData("2018-03-23T10:13:27.25+01:00", 2_500_000)]
    [InlineData("2018-03-23T10:13:27.1234567+01:00", 1_234_567)]
    public void Seconds_and_fractions_of_a_second_have_second_precision(string text, long fractionTicks)
    {
        var time = ReportedTime.Parse(text);

        Assert.Equal(TimePrecision.Second, time.Precision);
        Assert.Equal(new DateTimeOffset(2018, 3, 23, 9, 13, 27, TimeSpan.Zero).AddTicks(fractionTicks), time.Start.ToUniversalTime());
    }

    [Theory]
    [InlineData("2018", "2018-12-31T23:59:59.9999999+00:00")]
    [InlineData("2018-03", "2018-03-31T23:59:59.9999999+00:00")]
    [InlineData("2020-02", "2020-02-29T23:59:59.9999999+00:00")]
    [InlineData("2018-03-23", "2018-03-23T23:59:59.9999999+00:00")]
    [InlineData("2018-03-23T10:13+01:00", "2018-03-23T10:13:59.9999999+01:00")]
    [InlineData("2018-03-23T10:13:27+01:00", "2018-03-23T10:13:27+01:00")]
    [InlineData("9998", "9998-12-31T23:59:59.9999999+00:00")]
    [InlineData("9999", "9999-12-31T23:59:59.9999999+00:00")]
    [InlineData("9999-12", "9999-12-31T23:59:59.9999999+00:00")]
    [InlineData("9999-12-31", "9999-12-31T23:59:59.9999999+00:00")]
    [InlineData("9999-12-31T23:59Z", "9999-12-31T23:59:59.9999999+00:00")]
    public void End_is_the_last_instant_the_value_covers(string text, string end)
    {
        Assert.Equal(DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture), ReportedTime.Parse(text).End);
    }

    [Theory]
    [InlineData("2018")]
    [InlineData("2018-03")]
    [InlineData("2018-03-23")]
    [InlineData("2018-03-23T10:13+01:00")]
    [InlineData("2018-03-23T10:13-05:00")]
    [InlineData("2018-03-23T10:13:27+01:00")]
    [InlineData("2018-03-23T10:13:27.25+01:00")]
    public void A_value_in_canonical_form_prints_as_it_was_written(string text)
    {
        Assert.Equal(text, ReportedTime.Parse(text).ToString());
    }

    [Theory]
    [InlineData("2018-03-23T09:13", "2018-03-23T09:13+00:00")]
    [InlineData("2018-03-23T09:13Z", "2018-03-23T09:13+00:00")]
    [InlineData("2018-03-23T09:13:27.500", "2018-03-23T09:13:27.5+00:00")]
    public void A_value_prints_with_an_explicit_offset_and_parses_back_to_itself(string text, string printed)
    {
        var time = ReportedTime.Parse(text);

        Assert.Equal(printed, time.ToString());
        Assert.Equal(time, ReportedTime.Parse(time.ToString()));
    }

    [Theory]
    [InlineData("2018-13-01")]
    [InlineData("2018-02-30")]
    [InlineData("2019-02-29")]
    [InlineData("23/03/2018")]
    [InlineData("2018-3-23")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("0000")]
    [InlineData("18")]
    [InlineData("2018-03-23T25:00")]
    [InlineData("2018-03-23 10:13")]
    [InlineData("March 2018")]
    public void Text_that_is_not_an_iso_date_is_rejected(string text)
    {
        Assert.False(ReportedTime.TryParse(text, out _));
        Assert.Throws<FormatException>(() => ReportedTime.Parse(text));
    }

    [Fact]
    public void Null_is_rejected()
    {
        Assert.False(ReportedTime.TryParse(null, out _));
    }

    [Fact]
    public void A_day_sorts_before_a_time_on_that_day()
    {
        List<ReportedTime> values =
        [
            ReportedTime.Parse("2018-03-23T10:13+01:00"),
            ReportedTime.Parse("2018-03-23"),
            ReportedTime.Parse("2018-03"),
            ReportedTime.Parse("2018-03-22T23:00Z"),
        ];

        values.Sort();

        Assert.Equal(["2018-03", "2018-03-22T23:00+00:00", "2018-03-23", "2018-03-23T10:13+01:00"], values.Select(v => v.ToString()));
        Assert.True(values[2] < values[3]);
    }

    [Theory]
    [InlineData("2018")]
    [InlineData("2018-03-23")]
    [InlineData("2018-03-23T10:13+01:00")]
    [InlineData("2018-03-23T10:13:27.25+01:00")]
    public void Json_writes_the_iso_text_and_reads_it_back(string text)
    {
        var time = ReportedTime.Parse(text);

        var json = JsonSerializer.Serialize(time, IncidentJson.Options);
        var read = JsonSerializer.Deserialize<ReportedTime>(json, IncidentJson.Options);

        Assert.Equal(text, JsonSerializer.Deserialize<string>(json));
        Assert.Equal(time, read);
        Assert.Equal(time.Start.Offset, read.Start.Offset);
    }

    [Theory]
    [InlineData("2018")]
    [InlineData("\"2018-02-30\"")]
    [InlineData("null")]
    [InlineData("{}")]
    public void Json_that_is_not_an_iso_string_is_rejected(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ReportedTime>(json, IncidentJson.Options));
    }
}
