using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;
using Microsoft.AspNetCore.Mvc;

namespace AttackTracker.Api.Tests;

/// <summary>
/// The set-ups the HTTP tests share, as Alba scenarios with the editor's key: open the seed
/// incident (Carcassonne and Trèbes), submit a report, read the view. Each checks its status code
/// and hands back the service's own typed answer.
/// </summary>
public static partial class Scenarios
{
    /// <summary>The default text of that note.</summary>
    public const string NoteToVersion3 = "Moves it to version 3.";

    public static async Task<IncidentView> OpenIncident(this ApiHost host, object? body = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var result = await host.Scenario(s =>
        {
            s.Post.Text(JsonSerializer.Serialize(body ?? HttpExtensions.Carcassonne, ApiHost.Json)).ContentType("application/json").ToUrl("/api/incidents");
            s.StatusCodeShouldBe(HttpStatusCode.Created);
        });
        return await result.Read<IncidentView>();
    }

    public static async Task<ReportCreated> SubmitReport(this ApiHost host, Guid incidentId, JsonObject report)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(report);
        var result = await host.Scenario(s =>
        {
            s.PostReport(incidentId, report);
            s.StatusCodeShouldBe(HttpStatusCode.Created);
        });
        return await result.Read<ReportCreated>();
    }

    /// <summary>The scenario's request: <paramref name="report"/> posted to the incident as JSON.</summary>
    public static void PostReport(this Scenario scenario, Guid incidentId, JsonObject report)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(report);
        scenario.Post.Text(report.ToJsonString()).ContentType("application/json").ToUrl($"/api/incidents/{incidentId}/reports");
    }

    /// <summary>A new seed incident with one note report: at version 3 (opened, report, fact).</summary>
    public static async Task<Guid> OpenIncidentWithANote(this ApiHost host, string note = NoteToVersion3)
    {
        var incident = await host.OpenIncident();
        await host.SubmitReport(incident.Id, ReportBodies.Note(note));
        return incident.Id;
    }

    public static async Task<IncidentView> Incident(this ApiHost host, Guid incidentId, string query = "")
    {
        ArgumentNullException.ThrowIfNull(host);
        var result = await host.Scenario(s =>
        {
            s.Get.Url($"/api/incidents/{incidentId}{query}");
            s.StatusCodeShouldBe(HttpStatusCode.OK);
        });
        return await result.Read<IncidentView>();
    }

    /// <summary>A GET that must answer an RFC 9457 problem with <paramref name="status"/>; returns the problem.</summary>
    public static async Task<ProblemDetails> GetProblem(this ApiHost host, string url, HttpStatusCode status)
    {
        ArgumentNullException.ThrowIfNull(host);
        var result = await host.Scenario(s =>
        {
            s.Get.Url(url);
            s.StatusCodeShouldBe(status);
            s.ContentTypeShouldBe("application/problem+json");
        });
        return await ProblemAssert.IsProblemAsync(result, status);
    }

    /// <summary>The body as the service's type, read with the service's own JSON options.</summary>
    public static async Task<T> Read<T>(this IScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return JsonSerializer.Deserialize<T>(await result.ReadAsTextAsync(), ApiHost.Json)
            ?? throw new InvalidOperationException($"The body was not a {typeof(T).Name}.");
    }
}
