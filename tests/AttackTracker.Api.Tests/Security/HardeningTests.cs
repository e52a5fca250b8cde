using System.Net;
using Alba;

namespace AttackTracker.Api.Tests.Security;

/// <summary>What every response carries, and what an unexpected failure does not give away.</summary>
public sealed class HardeningTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Responses_carry_hardening_headers_and_no_cors_grant_by_default()
    {
        await host.Scenario(s =>
        {
            s.Get.Url("/api/incidents");
            s.WithRequestHeader("Origin", "https://elsewhere.example");
            s.Header("X-Content-Type-Options").SingleValueShouldEqual("nosniff");
            s.Header("X-Frame-Options").SingleValueShouldEqual("DENY");
            s.Header("Access-Control-Allow-Origin").ShouldNotBeWritten();
        });
    }

    [Fact]
    public async Task An_unexpected_failure_is_a_500_problem_without_a_stack_trace()
    {
        var id = await host.OpenIncidentId();
        await host.ExecuteAsync($"UPDATE __schema__.mt_doc_incidentstate SET data = '{{\"reports\": 5}}' WHERE id = '{id}'");

        var response = await host.Answers(HttpStatusCode.InternalServerError, s =>
        {
            s.Get.Url($"/api/incidents/{id}/reports");
            s.ContentTypeShouldBe("application/problem+json");
        });
        var body = await response.ReadAsTextAsync();

        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("AttackTracker.", body, StringComparison.Ordinal);
    }
}
