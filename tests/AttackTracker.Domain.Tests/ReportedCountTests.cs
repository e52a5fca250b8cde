using System.Text.Json;
using AttackTracker.Domain.Casualties;

namespace AttackTracker.Domain.Tests;

public class ReportedCountTests
{
    [Theory]
    [InlineData("4", CountKind.Exact)]
    [InlineData("0", CountKind.Exact)]
    [InlineData("{\"atLeast\":3}", CountKind.AtLeast)]
    [InlineData("{\"atMost\":3}", CountKind.AtMost)]
    [InlineData("{\"min\":15,\"max\":16}", CountKind.Range)]
    public void Each_json_form_is_read_and_written_back_identically(string json, CountKind kind)
    {
        var count = JsonSerializer.Deserialize<ReportedCount>(json, IncidentJson.Options);

        Assert.NotNull(count);
        Assert.Equal(kind, count.Kind);
        Assert.Equal(json, JsonSerializer.Serialize(count, IncidentJson.Options));
    }

    [Fact]
    public void A_range_is_read_whatever_the_order_of_min_and_max()
    {
        var count = JsonSerializer.Deserialize<ReportedCount>("{\"max\":16,\"min\":15}", IncidentJson.Options);

        Assert.Equal(ReportedCount.Between(15, 16), count);
    }

    [Theory]
    [InlineData("{\"atLeast\":3,\"atMost\":5}")]
    [InlineData("{\"atLeast\":3,\"min\":1,\"max\":5}")]
    [InlineData("{\"min\":3}")]
    [InlineData("{\"max\":3}")]
    [InlineData("{}")]
    [InlineData("{\"foo\":1}")]
    [InlineData("\"4\"")]
    [InlineData("{\"atLeast\":\"3\"}")]
    [InlineData("4.5")]
    [InlineData("4.0")]
    [InlineData("{\"atLeast\":2.5}")]
    [InlineData("1e3")]
    [InlineData("3000000000")]
    [InlineData("[4]")]
    [InlineData("true")]
    public void Other_json_is_rejected(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ReportedCount>(json, IncidentJson.Options));
    }

    public static TheoryData<ReportedCount, int, int?, int> Bounds => new()
    {
        { ReportedCount.Exact(4), 4, 4, 4 },
        { ReportedCount.AtLeast(3), 3, null, 3 },
        { ReportedCount.AtMost(5), 0, 5, 5 },
        { ReportedCount.Between(15, 16), 15, 16, 15 },
    };

    [Theory]
    [MemberData(nameof(Bounds))]
    public void Low_high_and_figure_follow_the_kind(ReportedCount count, int low, int? high, int figure)
    {
        Assert.Equal((low, high, figure), (count.Low, count.High, count.Figure));
    }
}
