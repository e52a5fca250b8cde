using AttackTracker.Api.Admin;
using AttackTracker.Api.Documents;
using AttackTracker.Api.Exchange;
using AttackTracker.Domain.Documents;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AttackTracker.Api.Tests.Documents;

/// <summary>
/// A document is a stream of the event log like any other: it goes out in the archive and comes
/// back from it, its events are in the hash chain, and verify checks that its text still hashes to
/// its address.
/// </summary>
public sealed class DocumentRecordTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task A_document_and_a_report_citing_it_survive_export_and_restore_and_verify_finds_a_changed_text()
    {
        var text = DocumentBodies.Seed(2);
        var document = (await host.StoreDocument(text)).Id;
        var incident = await host.OpenIncidentId();
        await host.SubmitReport(incident, HttpExtensions.Report(
            "ITIC", "2018-03-26", new { type = "casualties", killed = 4, quote = "Four people were shot to death", passage = DocumentBodies.Passage(document, text, "Four people were shot to death") }));
        var archive = await (await host.Scenario(s => s.Get.Url("/api/export/events.jsonl"))).ReadAsTextAsync();
        await using var target = new ApiHost();
        await target.InitializeAsync();

        var restored = await target.Services.GetRequiredService<EventArchive>().RestoreAsync(() => new StringReader(archive), CancellationToken.None);

        Assert.Equal(restored.Streams, restored.ChainsVerified);
        var copy = await target.Get<DocumentView>($"/api/documents/{document}");
        Assert.Equal(text, copy.Text);
        Assert.Equal(await TextAsync(host, $"/api/documents/{document}"), await TextAsync(target, $"/api/documents/{document}"));
        var verified = await target.Services.GetRequiredService<ProjectionVerifier>().VerifyAsync(CancellationToken.None, commandLine: true);
        Assert.True(verified.Consistent, string.Join("\n", verified.Differences.Select(d => d.Detail)));
        Assert.Equal(1, verified.DocumentsChecked);
        var chain = await target.Scenario(s => s.Get.Url($"/api/incidents/{incident}/integrity"));
        Assert.Contains("\"intact\":true", await chain.ReadAsTextAsync(), StringComparison.Ordinal);

        await TamperAsync(target, $$"""UPDATE __schema__.mt_events SET data = jsonb_set(data, '{text}', '"Five people were shot to death."') WHERE stream_id = '{{DocumentIds.StreamId(document)}}'""");
        var changed = await target.Services.GetRequiredService<ProjectionVerifier>().VerifyAsync(CancellationToken.None, commandLine: true);

        Assert.Contains(changed.Differences, d => d.Detail.Contains("its text no longer hashes to its address", StringComparison.Ordinal));
        Assert.Equal(DocumentIds.StreamId(document), Assert.Single(changed.Differences).IncidentId);
        var integrity = await Api.TimeTravel.CheckIntegrityEndpoint.VerifyAsync(
            target.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession(), target.Services.GetRequiredService<Api.Store.StoreSettings>(), DocumentIds.StreamId(document), CancellationToken.None);
        Assert.Equal(1, integrity.FirstBrokenVersion);
    }

    private static async Task<string> TextAsync(ApiHost host, string url) => await (await host.Scenario(s => s.Get.Url(url))).ReadAsTextAsync();

    /// <summary>As a superuser would: with every trigger switched off for this session only.</summary>
    private static async Task TamperAsync(ApiHost target, string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(target.ConnectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var off = new NpgsqlCommand("SET session_replication_role = replica", connection))
        {
            await off.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(sql.Replace("__schema__", $"\"{target.Schema}\"", StringComparison.Ordinal), connection);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
