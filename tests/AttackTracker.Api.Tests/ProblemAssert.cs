using System.Net;
using System.Text.Json.Nodes;
using Alba;
using Microsoft.AspNetCore.Mvc;

namespace AttackTracker.Api.Tests;

public static class ProblemAssert
{
    /// <summary>An RFC 9457 problem with the given status; returns its body.</summary>
    public static async Task<JsonObject> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal((int)status, (int?)problem["status"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]));
        return problem;
    }

    /// <summary>The body of a scenario whose status code and content type it checked: an RFC 9457 problem with the given status.</summary>
    public static async Task<ProblemDetails> IsProblemAsync(IScenarioResult result, HttpStatusCode status)
    {
        var problem = await result.Read<ProblemDetails>();
        Assert.Equal((int)status, problem.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Title));
        return problem;
    }

    /// <summary>A 400 validation problem whose errors name exactly <paramref name="field"/>.</summary>
    public static async Task<JsonObject> IsValidationProblemAsync(HttpResponseMessage response, string field)
    {
        var problem = await IsProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = Assert.IsType<JsonObject>(problem["errors"]);
        Assert.Equal([field], errors.Select(e => e.Key));
        Assert.NotEmpty(errors[field]!.AsArray());
        return problem;
    }

    /// <summary>The body of a scenario whose status code and content type it checked: a 400 validation problem whose errors name exactly <paramref name="field"/>.</summary>
    public static async Task<ValidationProblemDetails> IsValidationProblemAsync(IScenarioResult result, string field)
    {
        var problem = await result.Read<ValidationProblemDetails>();
        Assert.Equal((int)HttpStatusCode.BadRequest, problem.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Title));
        Assert.Equal([field], problem.Errors.Keys);
        Assert.NotEmpty(problem.Errors[field]);
        return problem;
    }
}
