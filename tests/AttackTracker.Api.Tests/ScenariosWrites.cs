using System.Net;
using System.Text.Json;
using Alba;
using AttackTracker.Api.Keys;
using AttackTracker.Domain.Reports;

namespace AttackTracker.Api.Tests;

/// <summary>Writes as Alba scenarios: JSON bodies serialized with the service's own options.</summary>
public static partial class Scenarios
{
    /// <summary>The scenario's request: <paramref name="json"/> posted to <paramref name="url"/> as JSON.</summary>
    public static void PostJson(this Scenario scenario, string url, string json)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        scenario.Post.Text(json).ContentType("application/json").ToUrl(url);
    }

    /// <summary>The scenario's request: <paramref name="body"/> serialized and posted to <paramref name="url"/>.</summary>
    public static void PostJson(this Scenario scenario, string url, object body) =>
        scenario.PostJson(url, JsonSerializer.Serialize(body, ApiHost.Json));

    /// <summary>The scenario sent with <paramref name="apiKey"/> instead of the editor's, or with no key when it is null.</summary>
    public static Scenario WithKey(this Scenario scenario, string? apiKey)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        scenario.RemoveRequestHeader(ApiKeyAuthentication.Header);
        if (apiKey is not null)
        {
            scenario.WithRequestHeader(ApiKeyAuthentication.Header, apiKey);
        }

        return scenario;
    }

    /// <summary>The scenario's request: a CORS preflight from <paramref name="origin"/> for a POST to the incidents, with no key.</summary>
    public static void Preflight(this Scenario scenario, string origin)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        scenario.WithKey(null).ConfigureHttpContext(c =>
        {
            c.Request.Method = "OPTIONS";
            c.Request.Path = "/api/incidents";
        });
        scenario.WithRequestHeader("Origin", origin);
        scenario.WithRequestHeader("Access-Control-Request-Method", "POST");
        scenario.WithRequestHeader("Access-Control-Request-Headers", "x-api-key,content-type");
    }

    /// <summary>A request that must answer <paramref name="status"/>.</summary>
    public static Task<IScenarioResult> Answers(this ApiHost host, HttpStatusCode status, Action<Scenario> request)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(request);
        return host.Scenario(s =>
        {
            request(s);
            s.StatusCodeShouldBe(status);
        });
    }

    /// <summary>A JSON POST that must answer <paramref name="status"/>.</summary>
    public static Task<IScenarioResult> Post(this ApiHost host, string url, object body, HttpStatusCode status, Action<Scenario>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.Scenario(s =>
        {
            if (body is string json)
            {
                s.PostJson(url, json);
            }
            else
            {
                s.PostJson(url, body);
            }

            configure?.Invoke(s);
            s.StatusCodeShouldBe(status);
        });
    }

    /// <summary>A report built as an object (<see cref="HttpExtensions.Report"/>) that must be accepted.</summary>
    public static Task<ReportCreated> SubmitReport(this ApiHost host, Guid incidentId, object report) =>
        host.SubmitReport(incidentId, JsonSerializer.SerializeToNode(report, ApiHost.Json)!.AsObject());

    /// <summary>The id of a new incident (the seed incident unless <paramref name="body"/> says otherwise).</summary>
    public static async Task<Guid> OpenIncidentId(this ApiHost host, object? body = null) => (await host.OpenIncident(body)).Id;
}
