using System.Net;
using System.Text.Json.Nodes;
using AttackTracker.Api.Statistics;

namespace AttackTracker.Api.Tests.Http;

/// <summary>Query parameters as strict as bodies: an unknown, misplaced or repeated one is a 400 naming it on every operation; a page says what it ignored.</summary>
public sealed class StrictQueryTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Theory]
    [InlineData("/api/stats?grupBy=year", "grupBy")]
    [InlineData("/api/stats?groupBy=year&colour=red", "colour")]
    [InlineData("/api/incidents?recordedAsOf=2000-01-01", "recordedAsOf")]
    [InlineData("/api/groups?asOf=2000-01-01", "asOf")]
    [InlineData("/api/export/gtd.csv?contry=FR", "contry")]
    [InlineData("/api/sources?page=2", "page")]
    [InlineData("/health?verbose=1", "verbose")]
    [InlineData("/api/stats?groupBy=year&groupBy=country", "groupBy")]
    public async Task An_unknown_misplaced_or_repeated_query_parameter_is_400_naming_it(string url, string parameter)
    {
        await host.GetValidationProblem(url, parameter);
    }

    [Fact]
    public async Task Every_operation_of_the_document_refuses_a_parameter_it_does_not_declare_and_writes_nothing()
    {
        var document = await host.GetJson("/openapi/v1.json");
        // One raw request per operation, with the verb and media type the document gives it.
        using var client = host.CreateClient();
        var before = await host.CountWritesAsync();
        var checkedOperations = new List<string>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject().Where(o => o.Key is "get" or "post" or "put" or "delete" or "patch"))
            {
                var url = System.Text.RegularExpressions.Regex.Replace(path, "{[^}]+}", _ => Guid.NewGuid().ToString()) + "?colour=red";
                using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url);
                if (operation?["requestBody"]?["content"]?.AsObject().Select(c => c.Key).FirstOrDefault() is { } mediaType)
                {
                    request.Content = new StringContent(mediaType == "application/json" ? "{}" : "", System.Text.Encoding.UTF8, mediaType);
                }

                var response = await client.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method.ToUpperInvariant()} {url}: {(int)response.StatusCode}");
                var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                Assert.True(problem["errors"]?["colour"] is not null, $"{method.ToUpperInvariant()} {url}: {problem.ToJsonString()}");
                checkedOperations.Add($"{method} {path}");
            }
        }

        Assert.True(checkedOperations.Count >= 30, string.Join(", ", checkedOperations));
        Assert.Equal(before, await host.CountWritesAsync());
    }

    [Fact]
    public async Task A_declared_parameter_is_matched_as_the_binder_matches_it_ignoring_case()
    {
        var page = await host.Get<StatsPage>("/api/stats?GROUPBY=year");

        Assert.Equal("year", page.GroupBy);
    }

    [Theory]
    [InlineData("/?colour=red", "colour")]
    [InlineData("/stats?grupBy=country", "grupBy")]
    [InlineData("/?page=3", "page")]
    public async Task A_page_ignores_a_parameter_it_does_not_read_and_says_so(string url, string parameter)
    {
        var response = await host.Answers(HttpStatusCode.OK, s => s.WithKey(null).Get.Url(url));
        var html = WebUtility.HtmlDecode(await response.ReadAsTextAsync());

        Assert.Contains($"“{parameter}” is not a setting of this page; it was ignored.", html, StringComparison.Ordinal);
    }
}
