using AttackTracker.Api.Exchange;
using AttackTracker.Api.Tests.Statistics;
using Microsoft.Extensions.DependencyInjection;

namespace AttackTracker.Api.Tests.Groups;

/// <summary>Group identity is part of the record: it survives an archive and its restore, and the rebuild and verify cover its table.</summary>
public sealed class GroupArchiveTests(ApiHost host) : IClassFixture<ApiHost>
{
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task A_restored_archive_keeps_group_identity_its_history_and_its_statistics()
    {
        await _client.ClaimedAsync("LY", "2016-01-01", "ISIS");
        await _client.ClaimedAsync("LY", "2016-02-01", "ISIL");
        await _client.RecordAsync("/api/groups", new { name = "Islamic State", aliases = GroupSupport.Names("ISIS"), reason = "One group." });
        await _client.RecordAsync("/api/groups", new { name = "ISIL", reason = "The acronym." });
        await _client.RecordAsync("/api/groups/islamic-state/merges", new { absorbed = "ISIL", reason = "The same." });
        var history = await _client.GetJsonAsync("/api/groups/isil/history");
        var archive = await _client.GetStringAsync(new Uri("/api/export/events.jsonl", UriKind.Relative));
        await using var target = new ApiHost();
        await target.InitializeAsync();

        await target.Services.GetRequiredService<EventArchive>().RestoreAsync(() => new StringReader(archive), CancellationToken.None);

        var restored = target.CreateClient();
        Assert.Equal(history.ToJsonString(), (await restored.GetJsonAsync("/api/groups/isil/history")).ToJsonString());
        Assert.Equal(await host.CountAsync("group_names"), await target.CountAsync("group_names"));
        Assert.Equal([("islamic-state", "Islamic State", 2)], (await restored.CaughtUpAsync("/api/stats?groupBy=group&country=LY")).GroupRows());
        var verify = await restored.GetJsonAsync("/api/admin/verify");
        Assert.True((bool)verify["consistent"]!, verify.ToJsonString());
    }

    [Fact]
    public async Task Verify_finds_a_changed_identity_table_and_the_rebuild_puts_it_back()
    {
        await _client.ClaimedAsync("ML", "2019-01-01", "JNIM");
        await _client.ClaimedAsync("ML", "2019-02-01", "Jama'at Nusrat al-Islam wal-Muslimin");
        await _client.RecordAsync("/api/groups", new { name = "Jama'at Nusrat al-Islam wal-Muslimin", aliases = GroupSupport.Names("JNIM"), reason = "UCDP's acronym." });
        await _client.CaughtUpAsync("/api/stats?groupBy=group&country=ML");
        await host.ExecuteAsync("DELETE FROM __schema__.group_names WHERE slug = 'jnim'");

        var broken = await _client.GetJsonAsync("/api/admin/verify");
        Assert.False((bool)broken["consistent"]!);
        Assert.Contains(broken["differences"]!.AsArray(), d => ((string)d!["detail"]!).Contains("missing from the table: jnim", StringComparison.Ordinal));
        Assert.Equal(2, (await _client.GetJsonAsync("/api/stats?groupBy=group&country=ML")).GroupRows().Count);

        var rebuilt = await _client.PostAsync(new Uri("/api/admin/rebuild?projection=group_names", UriKind.Relative), null);

        Assert.Equal(System.Net.HttpStatusCode.OK, rebuilt.StatusCode);
        Assert.Equal([("jama-at-nusrat-al-islam-wal-muslimin", "Jama'at Nusrat al-Islam wal-Muslimin", 2)], (await _client.GetJsonAsync("/api/stats?groupBy=group&country=ML")).GroupRows());
        var verify = await _client.GetJsonAsync("/api/admin/verify");
        Assert.True((bool)verify["consistent"]!, verify.ToJsonString());
    }
}
