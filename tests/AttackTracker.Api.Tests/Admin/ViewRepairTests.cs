using System.Text.Json.Nodes;

namespace AttackTracker.Api.Tests.Admin;

/// <summary>Damages stored states on purpose, so it keeps a schema of its own apart from <see cref="RebuildTests"/>.</summary>
public sealed class ViewRepairTests(ApiHost host) : IClassFixture<ApiHost>
{
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task Verify_names_a_corrupted_state_and_a_rebuild_repairs_it()
    {
        var healthy = await _client.OpenIncidentAsync();
        var damaged = await _client.OpenIncidentAsync();
        await _client.SubmitReportAsync(damaged, ReportBodies.Report(ReportBodies.EveryFactType));
        var original = await _client.GetStringAsync($"/api/incidents/{damaged}");

        await host.ExecuteAsync($"UPDATE __schema__.mt_doc_incidentstate SET data = jsonb_set(data, '{{reports}}', '[]') WHERE id = '{damaged}'");
        var corrupted = await _client.GetStringAsync($"/api/incidents/{damaged}/reports");
        var verified = await _client.GetJsonAsync("/api/admin/verify");
        (await _client.PostAsync("/api/admin/rebuild", null)).EnsureSuccessStatusCode();
        var reverified = await _client.GetJsonAsync("/api/admin/verify");

        Assert.Equal("[]", corrupted);
        Assert.False((bool)verified["consistent"]!);
        var differences = verified["differences"]!.AsArray();
        var difference = Assert.Single(differences, d => d!["incidentId"]!.GetValue<Guid>() == damaged)!;
        Assert.Equal(13, (long)difference["storedVersion"]!);
        Assert.Equal(13, (long)difference["rebuiltVersion"]!);
        Assert.DoesNotContain(differences, d => d!["incidentId"]!.GetValue<Guid>() == healthy);
        Assert.True((bool)reverified["consistent"]!, reverified.ToJsonString());
        Assert.Equal(original, await _client.GetStringAsync($"/api/incidents/{damaged}"));
        Assert.Contains("\"reportId\"", await _client.GetStringAsync($"/api/incidents/{damaged}/reports"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_incident_whose_state_is_missing_is_still_read_whole_and_verify_names_it()
    {
        var incidentId = await _client.OpenIncidentAsync();
        await _client.SubmitReportAsync(incidentId, ReportBodies.Note("Its state will vanish."));
        var original = await _client.GetStringAsync($"/api/incidents/{incidentId}?asOf=2030-01-01");

        await host.ExecuteAsync($"DELETE FROM __schema__.mt_doc_incidentstate WHERE id = '{incidentId}'");
        var whileMissing = await _client.GetStringAsync($"/api/incidents/{incidentId}?asOf=2030-01-01");
        var verified = await _client.GetJsonAsync("/api/admin/verify");
        (await _client.PostAsync("/api/admin/rebuild", null)).EnsureSuccessStatusCode();

        Assert.Equal(original, whileMissing);
        Assert.Contains(verified["differences"]!.AsArray(), d => d!["incidentId"]!.GetValue<Guid>() == incidentId);
        Assert.Equal(original, await _client.GetStringAsync($"/api/incidents/{incidentId}?asOf=2030-01-01"));
        Assert.Equal(3, (long)JsonNode.Parse(original)!["version"]!);
        Assert.Equal(1L, await host.CountAsync($"mt_doc_incidentstate WHERE id = '{incidentId}'"));
    }
}
