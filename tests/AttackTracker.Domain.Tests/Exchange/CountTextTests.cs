using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Exchange;

namespace AttackTracker.Domain.Tests.Exchange;

/// <summary>Counts as published files write them in figures and words (issue 23): read into the record's qualifiers, or refused with a reason, never guessed.</summary>
public sealed class CountTextTests
{
    public static TheoryData<string, ReportedCount, ReportedCount?> Read => new()
    {
        { "12", ReportedCount.Exact(12), null },
        { " 12 ", ReportedCount.Exact(12), null },
        { "12.0", ReportedCount.Exact(12), null },
        { "1,200", ReportedCount.Exact(1200), null },
        { "0", ReportedCount.Exact(0), null },
        { "none", ReportedCount.Exact(0), null },
        { "20+", ReportedCount.AtLeast(20), null },
        { "20 +", ReportedCount.AtLeast(20), null },
        { "at least 3", ReportedCount.AtLeast(3), null },
        { "At Least  3", ReportedCount.AtLeast(3), null },
        { "3 or more", ReportedCount.AtLeast(3), null },
        { ">=3", ReportedCount.AtLeast(3), null },
        { "more than 3", ReportedCount.AtLeast(4), null },
        { "over 40", ReportedCount.AtLeast(41), null },
        { ">3", ReportedCount.AtLeast(4), null },
        { "at most 5", ReportedCount.AtMost(5), null },
        { "up to 5", ReportedCount.AtMost(5), null },
        { "fewer than 5", ReportedCount.AtMost(4), null },
        { "<5", ReportedCount.AtMost(4), null },
        { "1-3", ReportedCount.Between(1, 3), null },
        { "1 – 3", ReportedCount.Between(1, 3), null },
        { "1 to 3", ReportedCount.Between(1, 3), null },
        { "between 1 and 3", ReportedCount.Between(1, 3), null },
        { "3-3", ReportedCount.Exact(3), null },
        { "dozens", ReportedCount.AtLeast(24), null },
        { "Hundreds", ReportedCount.AtLeast(200), null },
        { "0 (+1)", ReportedCount.Exact(0), ReportedCount.Exact(1) },
        { "5 (+2)", ReportedCount.Exact(5), ReportedCount.Exact(2) },
        { "20+ (+1)", ReportedCount.AtLeast(20), ReportedCount.Exact(1) },
    };

    [Theory]
    [MemberData(nameof(Read))]
    public void A_count_in_figures_or_words_becomes_the_records_qualifier(string text, ReportedCount count, ReportedCount? perpetrators)
    {
        var cell = CountText.Read(text, out var error);

        Assert.Null(error);
        Assert.Equal(count, cell!.Count);
        Assert.Equal(perpetrators, cell.Perpetrators);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("unknown")]
    [InlineData("Unknown")]
    [InlineData("n/a")]
    [InlineData("-")]
    [InlineData("?")]
    public void A_cell_that_says_the_count_is_unknown_is_no_count_and_no_error(string? text)
    {
        Assert.Null(CountText.Read(text, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("~10", "approximate")]
    [InlineData("about 10", "approximate")]
    [InlineData("approx. 10", "approximate")]
    [InlineData("several", "no number")]
    [InlineData("many", "no number")]
    [InlineData("a dozen", "no number")]
    [InlineData("2.5", "not a whole number")]
    [InlineData("1,5", "not a whole number")]
    [InlineData("3-1", "first number is above")]
    [InlineData("fewer than 0", "below zero")]
    [InlineData("200000", "over 100000")]
    [InlineData("-3", "not a count")]
    [InlineData("ten", "not a count")]
    public void Anything_else_is_refused_with_the_reason_never_guessed(string text, string reason)
    {
        Assert.Null(CountText.Read(text, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Contains(text, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_a_plain_number_is_plain_so_the_words_of_any_other_are_quoted()
    {
        Assert.True(CountText.Read("12", out _)!.Plain);
        Assert.True(CountText.Read("12.0", out _)!.Plain);
        Assert.False(CountText.Read("20+", out _)!.Plain);
        Assert.False(CountText.Read("0 (+1)", out _)!.Plain);
    }
}
