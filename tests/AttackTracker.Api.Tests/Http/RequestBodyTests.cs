using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace AttackTracker.Api.Tests.Http;

public sealed class RequestBodyTests(ApiHost host) : IClassFixture<ApiHost>
{
    private const int Limit = 256 * 1024;

    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task A_body_just_under_256_KiB_is_accepted()
    {
        var incidentId = await _client.OpenIncidentAsync();
        var body = ReportOfSize(Limit - 2048);

        var response = await _client.PostJsonAsync($"/api/incidents/{incidentId}/reports", body);

        Assert.InRange(Encoding.UTF8.GetByteCount(body), Limit - 4096, Limit);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Returns_413_for_a_body_over_256_KiB_and_writes_nothing()
    {
        var incidentId = await _client.OpenIncidentAsync();
        var body = ReportOfSize(Limit + 2048);
        var before = await host.CountWritesAsync();

        var response = await _client.PostJsonAsync($"/api/incidents/{incidentId}/reports", body);

        Assert.InRange(Encoding.UTF8.GetByteCount(body), Limit + 1, Limit + 4096);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await host.CountWritesAsync());
    }

    [Fact]
    public async Task Returns_413_for_a_chunked_body_over_256_KiB_that_declares_no_length()
    {
        var incidentId = await _client.OpenIncidentAsync();
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(ReportOfSize(Limit + 2048)));
        await pipe.Writer.CompleteAsync();
        var content = new StreamContent(pipe.Reader.AsStream());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var before = await host.CountWritesAsync();

        var response = await _client.PostAsync($"/api/incidents/{incidentId}/reports", content);

        Assert.Null(content.Headers.ContentLength);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await host.CountWritesAsync());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/jsonx")]
    [InlineData("application/json-seq")]
    [InlineData("application/json5")]
    public async Task Returns_415_for_a_body_that_is_not_json_and_writes_nothing(string mediaType)
    {
        var incidentId = await _client.OpenIncidentAsync();
        var before = await host.CountWritesAsync();
        var content = new StringContent(ReportBodies.Note("Sent as another media type.").ToJsonString(), Encoding.UTF8, mediaType);

        var response = await _client.PostAsync($"/api/incidents/{incidentId}/reports", content);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("https://attacktracker.dev/problems/unsupported-media-type", (string?)problem["type"]);
        Assert.Contains("application/json", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(before, await host.CountWritesAsync());
    }

    [Fact]
    public async Task Returns_415_for_an_incident_sent_as_text()
    {
        var before = await host.CountWritesAsync();
        var content = new StringContent("""{"title":"T","occurredOn":"2018-03-23","country":"FR","place":"Trèbes"}""", Encoding.UTF8, "text/plain");

        var response = await _client.PostAsync("/api/incidents", content);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("https://attacktracker.dev/problems/unsupported-media-type", (string?)problem["type"]);
        Assert.Equal(before, await host.CountWritesAsync());
    }

    private static string ReportOfSize(int bytes)
    {
        var report = ReportBodies.Report("[]");
        var facts = report["facts"]!.AsArray();
        var overhead = Encoding.UTF8.GetByteCount(report.ToJsonString());
        var perFact = Encoding.UTF8.GetByteCount(new JsonObject { ["type"] = "note", ["text"] = new string('x', 4000) }.ToJsonString()) + 1;
        for (var i = 0; overhead + ((i + 1) * perFact) <= bytes; i++)
        {
            facts.Add(new JsonObject { ["type"] = "note", ["text"] = new string('x', 4000) });
        }

        var remaining = bytes - Encoding.UTF8.GetByteCount(report.ToJsonString()) - 40;
        facts.Add(new JsonObject { ["type"] = "note", ["text"] = new string('y', Math.Clamp(remaining, 1, 4000)) });
        return report.ToJsonString();
    }
}
