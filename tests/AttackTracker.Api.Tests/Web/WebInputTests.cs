using System.Net;

namespace AttackTracker.Api.Tests.Web;

/// <summary>The pages validate their query as the API does: no input gets a 5xx (issue 26), a bad value is named on the page and ignored.</summary>
public sealed class WebInputTests(SampleApiHost host) : IClassFixture<SampleApiHost>
{
    private const string Carcassonne = "/incidents/f0d76bc7-c1f7-8ecd-aac6-b6efe755b63b";

    [Theory]
    [InlineData("/?q=%00")]
    [InlineData("/?q=Tr%C3%A8bes%00")]
    [InlineData("/?q=%1B%5B2J")]
    [InlineData("/?q=%ED%A0%80")]
    [InlineData("/?q=%FF%FE")]
    [InlineData("/?country=%00&year=%00&sort=%00&page=%00")]
    [InlineData("/?year=99999999999&page=99999999999")]
    [InlineData("/?q=%25%5F%27%20OR%201%3D1%20--")]
    [InlineData(Carcassonne + "?asOf=%00&recordedAsOf=%00")]
    [InlineData(Carcassonne + "?fromVersion=%00&toVersion=%00")]
    [InlineData(Carcassonne + "?fromVersion=-1&toVersion=99999999999999999999")]
    [InlineData(Carcassonne + "?asOf=0001-01-01T00:00%2B14:00")]
    [InlineData(Carcassonne + "?recordedAsOf=9999-12-31T23:59:59-14:00")]
    [InlineData(Carcassonne + "?asOf=0000-00-00&recordedAsOf=2018-02-30")]
    [InlineData(Carcassonne + "?fromVersion=5&toVersion=2")]
    public async Task A_hostile_query_gets_the_page_never_a_5xx(string url)
    {
        var response = await host.CreateClient(apiKey: null).GetAsync(new Uri(url, UriKind.Relative));

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
    }

    [Fact]
    public async Task A_search_with_a_nul_is_named_on_the_page_and_ignored()
    {
        var page = await host.CreateClient(apiKey: null).GetStringAsync(new Uri("/?q=Tr%C3%A8bes%00", UriKind.Relative));

        // Razor writes the plus sign of U+0000 as &#x2B;.
        Assert.Contains("The search contains the control character U&#x2B;0000. Showing every incident.", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/incidents/not-an-id")]
    [InlineData("/incidents/00000000-0000-0000-0000-000000000000")]
    public async Task An_address_that_names_no_incident_is_a_404(string url)
    {
        var response = await host.CreateClient(apiKey: null).GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
