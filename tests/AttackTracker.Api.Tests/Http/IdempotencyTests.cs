using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AttackTracker.Api.Tests.Http;

public sealed class IdempotencyTests(ApiHost host) : IClassFixture<ApiHost>
{
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task Replays_the_first_response_for_the_same_key_and_body()
    {
        var incidentId = await _client.OpenIncidentAsync();
        var key = NewKey();
        var body = Body("Sent twice.");
        var start = await host.CountAsync("mt_events");

        var first = await PostAsync(incidentId, body, key);
        var afterFirst = await host.CountAsync("mt_events");
        var second = await PostAsync(incidentId, body, key);
        var afterSecond = await host.CountAsync("mt_events");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var firstBody = await first.Content.ReadAsStringAsync();
        var secondBody = await second.Content.ReadAsStringAsync();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(firstBody), JsonNode.Parse(secondBody)), $"{firstBody} was replayed as {secondBody}");
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal("\"3\"", second.Headers.ETag!.Tag);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.True(afterFirst > start);
        Assert.Equal(afterFirst, afterSecond);
        var reports = JsonNode.Parse(await _client.GetStringAsync($"/api/incidents/{incidentId}/reports"))!.AsArray();
        Assert.Equal(JsonNode.Parse(firstBody)!["reportId"]!.GetValue<Guid>(), Assert.Single(reports)!["reportId"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task Returns_422_when_a_key_is_reused_with_a_different_body()
    {
        var incidentId = await _client.OpenIncidentAsync();
        var key = NewKey();
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(incidentId, Body("The first body."), key)).StatusCode);
        var before = await host.CountWritesAsync();

        var response = await PostAsync(incidentId, Body("Another body."), key);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(before, await host.CountWritesAsync());
    }

    [Fact]
    public async Task Returns_422_when_a_key_is_reused_for_another_incident()
    {
        var firstIncident = await _client.OpenIncidentAsync();
        var secondIncident = await _client.OpenIncidentAsync();
        var key = NewKey();
        var body = Body("The same body for two incidents.");
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(firstIncident, body, key)).StatusCode);

        var response = await PostAsync(secondIncident, body, key);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(0, (int)(await _client.GetJsonAsync($"/api/incidents/{secondIncident}"))["reportCount"]!);
    }

    [Fact]
    public async Task A_retry_sent_while_the_first_request_is_in_flight_ends_with_one_report()
    {
        var incidentId = await _client.OpenIncidentAsync();
        var key = NewKey();
        var body = Body("Retried after a timeout.");

        var responses = await Task.WhenAll(PostAsync(incidentId, body, key), PostAsync(incidentId, body, key));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var reportIds = new List<Guid>();
        foreach (var response in responses)
        {
            reportIds.Add((await response.ReadJsonAsync())["reportId"]!.GetValue<Guid>());
        }

        Assert.Single(reportIds.Distinct());
        var view = await _client.GetJsonAsync($"/api/incidents/{incidentId}");
        Assert.Equal(1, (int)view["reportCount"]!);
        Assert.Equal(3, (long)view["version"]!);
    }

    [Fact]
    public async Task A_key_whose_request_was_refused_as_stale_can_be_used_again()
    {
        var incidentId = await _client.OpenIncidentAsync();
        await _client.SubmitReportAsync(incidentId, ReportBodies.Note("Moves the incident to version 3."));
        var key = NewKey();
        var body = Body("Refused first, accepted on retry.");

        var stale = await PostAsync(incidentId, body, key, ifMatch: "\"1\"");
        var retry = await PostAsync(incidentId, body, key, ifMatch: "\"3\"");

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.False(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, (int)(await _client.GetJsonAsync($"/api/incidents/{incidentId}"))["reportCount"]!);
    }

    public static TheoryData<string> MalformedKeys() => ["has a space", new string('k', 201)];

    [Theory]
    [MemberData(nameof(MalformedKeys))]
    public async Task Returns_400_for_a_malformed_key(string key)
    {
        var incidentId = await _client.OpenIncidentAsync();
        var before = await host.CountWritesAsync();

        var response = await PostAsync(incidentId, Body("x"), key);

        await ProblemAssert.IsValidationProblemAsync(response, "Idempotency-Key");
        Assert.Equal(before, await host.CountWritesAsync());
    }

    private static string NewKey() => $"test-{Guid.NewGuid():N}";

    private static string Body(string note) => JsonSerializer.Serialize(ReportBodies.Note(note), ApiHost.Json);

    private Task<HttpResponseMessage> PostAsync(Guid incidentId, string body, string key, string? ifMatch = null) =>
        _client.PostJsonAsync($"/api/incidents/{incidentId}/reports", body, r =>
        {
            r.Headers.TryAddWithoutValidation("Idempotency-Key", key);
            if (ifMatch is not null)
            {
                r.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            }
        });
}

public sealed class IncidentIdempotencyTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task A_retried_create_with_the_same_key_opens_one_incident()
    {
        var client = host.CreateClient();
        var key = "create-" + Guid.NewGuid();
        var streams = await host.CountAsync("mt_streams");

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.PostJsonAsync(
            "/api/incidents",
            """{"title":"Retried create","occurredOn":"2018-03-23","country":"FR","place":"Trèbes"}""",
            request => request.Headers.Add("Idempotency-Key", key))));

        var ids = new List<string?>();
        foreach (var response in responses)
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
            ids.Add((string?)(await response.ReadJsonAsync())["id"]);
        }

        Assert.Single(ids.Distinct());
        Assert.Equal(streams + 1, await host.CountAsync("mt_streams"));
    }
}

public sealed class IdempotencyExpiryTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task A_key_older_than_its_lifetime_is_treated_as_new()
    {
        var client = host.CreateClient();
        var key = "expiring-" + Guid.NewGuid();
        static string Body(string title) => $$"""{"title":"{{title}}","occurredOn":"2018-03-23","country":"FR","place":"Trèbes"}""";
        Task<HttpResponseMessage> PostAsync(string title) =>
            client.PostJsonAsync("/api/incidents", Body(title), request => request.Headers.Add("Idempotency-Key", key));
        Assert.Equal(System.Net.HttpStatusCode.Created, (await PostAsync("First")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, (await PostAsync("Second")).StatusCode);

        await host.ExecuteAsync(
            $"UPDATE __schema__.idempotency_keys SET created_at = now() - interval '{Api.Http.Idempotency.Lifetime.TotalHours + 1} hours' WHERE key = '{key}'");
        var afterExpiry = await PostAsync("Second");

        Assert.Equal(System.Net.HttpStatusCode.Created, afterExpiry.StatusCode);
        Assert.Equal("Second", (string?)(await afterExpiry.ReadJsonAsync())["title"]);
    }
}
