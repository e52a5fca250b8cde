using System.Net;
using System.Text.Json.Nodes;
using Alba;
using AttackTracker.Api.Incidents;
using AttackTracker.Api.Reports;
using Microsoft.AspNetCore.Mvc;

namespace AttackTracker.Api.Tests;

/// <summary>Reads as Alba scenarios: each must answer as stated and hands back the service's typed answer.</summary>
public static partial class Scenarios
{
    /// <summary>A GET that must answer 200; the body as the service's type.</summary>
    public static async Task<T> Get<T>(this ApiHost host, string url)
    {
        ArgumentNullException.ThrowIfNull(host);
        var result = await host.Scenario(s =>
        {
            s.Get.Url(url);
            s.StatusCodeShouldBe(HttpStatusCode.OK);
        });
        return await result.Read<T>();
    }

    /// <summary>A GET that must answer 200, for the few answers the service has no public type for (or types by another name).</summary>
    public static Task<JsonObject> GetJson(this ApiHost host, string url) => host.Get<JsonObject>(url);

    /// <summary>A page of the incident list for <paramref name="query"/>.</summary>
    public static Task<IncidentPage> Incidents(this ApiHost host, string query) => host.Get<IncidentPage>($"/api/incidents?{query}");

    public static Task<ReportView> Report(this ApiHost host, Guid reportId) => host.Get<ReportView>($"/api/reports/{reportId}");

    /// <summary>A request that must be refused with a 400 problem naming exactly <paramref name="field"/>.</summary>
    public static async Task<ValidationProblemDetails> ValidationProblem(this ApiHost host, Action<Scenario> request, string field)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(request);
        var result = await host.Scenario(s =>
        {
            request(s);
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
            s.ContentTypeShouldBe("application/problem+json");
        });
        return await ProblemAssert.IsValidationProblemAsync(result, field);
    }

    /// <summary>A GET that must be refused with a 400 problem naming exactly <paramref name="field"/>.</summary>
    public static Task<ValidationProblemDetails> GetValidationProblem(this ApiHost host, string url, string field) =>
        host.ValidationProblem(s => s.Get.Url(url), field);
}
