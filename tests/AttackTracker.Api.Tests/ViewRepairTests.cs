using System.Text.Json.Nodes;

namespace AttackTracker.Api.Tests;

/// <summary>Damages stored views on purpose, so it keeps a schema of its own apart from <see cref="RebuildTests"/>.</summary>
public sealed class ViewRepairTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Verify_names_a_corrupted_view_and_a_rebuild_repairs_it()
    {
        var healthy = await _client.OpenIncidentAsync();
        var damaged = await _client.OpenIncidentAsync();
        await _client.SubmitReportAsync(damaged, ReportBodies.Report(ReportBodies.EveryFactType));
        var original = await _client.GetStringAsync($"/api/incidents/{damaged}");

        await factory.ExecuteAsync($"UPDATE __schema__.incidents SET view = '{{}}'::json WHERE id = '{damaged}'");
        var corrupted = await _client.GetStringAsync($"/api/incidents/{damaged}");
        var verified = await _client.GetJsonAsync("/api/admin/verify");
        (await _client.PostAsync("/api/admin/rebuild", null)).EnsureSuccessStatusCode();
        var reverified = await _client.GetJsonAsync("/api/admin/verify");

        Assert.Equal("{}", corrupted);
        Assert.False((bool)verified["consistent"]!);
        var differences = verified["differences"]!.AsArray();
        var difference = Assert.Single(differences, d => d!["incidentId"]!.GetValue<Guid>() == damaged)!;
        Assert.Equal(13, (long)difference["storedVersion"]!);
        Assert.Equal(13, (long)difference["rebuiltVersion"]!);
        Assert.DoesNotContain(differences, d => d!["incidentId"]!.GetValue<Guid>() == healthy);
        Assert.True((bool)reverified["consistent"]!, reverified.ToJsonString());
        Assert.Equal(original, await _client.GetStringAsync($"/api/incidents/{damaged}"));
    }

    [Fact]
    public async Task Verify_names_an_incident_whose_view_row_is_missing()
    {
        var incidentId = await _client.OpenIncidentAsync();
        await _client.SubmitReportAsync(incidentId, ReportBodies.Note("Its row will vanish."));
        var original = await _client.GetStringAsync($"/api/incidents/{incidentId}");

        await factory.ExecuteAsync($"DELETE FROM __schema__.incidents WHERE id = '{incidentId}'");
        var verified = await _client.GetJsonAsync("/api/admin/verify");
        (await _client.PostAsync("/api/admin/rebuild", null)).EnsureSuccessStatusCode();

        Assert.Contains(verified["differences"]!.AsArray(), d => d!["incidentId"]!.GetValue<Guid>() == incidentId);
        Assert.Equal(original, await _client.GetStringAsync($"/api/incidents/{incidentId}"));
        Assert.Equal(3, (long)JsonNode.Parse(original)!["version"]!);
    }
}
