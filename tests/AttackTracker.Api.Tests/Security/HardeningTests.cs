using System.Net;

namespace AttackTracker.Api.Tests.Security;

/// <summary>What every response carries, and what an unexpected failure does not give away.</summary>
public sealed class HardeningTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Responses_carry_hardening_headers_and_no_cors_grant_by_default()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/incidents");
        request.Headers.Add("Origin", "https://elsewhere.example");

        var response = await host.CreateClient().SendAsync(request);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task An_unexpected_failure_is_a_500_problem_without_a_stack_trace()
    {
        var client = host.CreateClient();
        var id = await client.OpenIncidentAsync();
        await host.ExecuteAsync($"UPDATE __schema__.mt_doc_incidentstate SET data = '{{\"reports\": 5}}' WHERE id = '{id}'");

        var response = await client.GetAsync($"/api/incidents/{id}/reports");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("AttackTracker.", body, StringComparison.Ordinal);
    }
}
