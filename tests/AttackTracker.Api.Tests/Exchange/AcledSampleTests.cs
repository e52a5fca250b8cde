using System.Text;
using System.Text.Json.Nodes;
using AttackTracker.Domain.Exchange;
using static AttackTracker.Api.Tests.Exchange.SampleFiles;

namespace AttackTracker.Api.Tests.Exchange;

/// <summary>
/// ACLED's sample file through POST /api/import/acled (issue 23, docs/datasets.md): each version of
/// a row (its timestamp) is a report that supersedes the earlier in the same transaction, and a
/// full export with withdrawMissing withdraws the rows it lacks, within what it covers.
/// </summary>
public sealed class AcledSampleTests(ApiHost host) : IClassFixture<ApiHost>
{
    private const string Source = "source=ACLED";

    private static readonly string[] Sample = Encoding.UTF8.GetString(Bytes("acled-sample.csv")).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A file of the sample's header and the given lines (the sample's own, or changed).</summary>
    internal static byte[] File(params string[] lines) => Encoding.UTF8.GetBytes(string.Join('\n', [Sample[0], .. lines]) + "\n");

    internal static string Line(string key) => Sample.Single(l => l.StartsWith(key + ",", StringComparison.Ordinal));

    private static Task<JsonObject> ImportSampleAsync(HttpClient client) =>
        ImportAsync(client, "acled", Bytes("acled-sample.csv"), "text/csv", Source + "&release=2023-03");

    [Fact]
    public async Task The_sample_imports_with_its_byte_order_mark_refusing_each_bad_row_by_line_and_column()
    {
        var client = host.CreateClient();

        var result = await ImportSampleAsync(client);

        Assert.Equal(8L, (long)result["rows"]!);
        Assert.Equal(5L, (long)result["imported"]! + (long)result["unchanged"]!);
        Assert.Equal([(7, "timestamp"), (8, "fatalities"), (9, "inter1")], Rejected(result));
        // As first exported: another test here imports a later version of the row.
        var bombing = await client.GetJsonAsync($"/api/incidents/{AcledImport.IncidentId("NIG31234")}?asOf=2023-02-28");
        Assert.Equal(("2023-02-16", "NG", "Konduga"), ((string)bombing["occurredOn"]!, (string)bombing["country"]!, (string)bombing["place"]!));
        Assert.Equal(["bombing-explosion"], bombing["attackTypes"]!.AsArray().Select(a => (string)a!["value"]!));
        Assert.Equal(("explosives", "Suicide bomb"), ((string)Values(bombing, "weapons")[0]["weaponType"]!, (string)Values(bombing, "weapons")[0]["detail"]!));
        Assert.Equal(("private-citizens-property", "Civilians (Nigeria)"), ((string)Values(bombing, "targets")[0]["targetType"]!, (string)Values(bombing, "targets")[0]["detail"]!));
        Assert.Equal("JAS: Jama'atu Ahlis Sunna Lidda'awati wal-Jihad", (string)Only(Assert.Single(bombing["perpetrators"]!.AsArray())!["attributes"]!["affiliation"])!);
        var location = Values(bombing, "locations")[0];
        Assert.Equal(("Konduga", "Konduga, Borno", "exact", 11.653), ((string)location["city"]!, (string)location["region"]!, (string)location["precision"]!, (double)location["lat"]!));
        Assert.Equal(4, (int)bombing["casualties"]!["killed"]!["best"]!);
        Assert.Equal("2023-02-20T13:33:20+00:00", (string)bombing["casualties"]!["killed"]!["reports"]![0]!["publishedAt"]!);
        var kosovo = await client.GetJsonAsync($"/api/incidents/{AcledImport.IncidentId("KSV100")}");
        Assert.Equal(("XK", 0), ((string)kosovo["country"]!, kosovo["perpetrators"]!.AsArray().Count));
        var colombia = await client.GetJsonAsync($"/api/incidents/{AcledImport.IncidentId("COL9001")}");
        Assert.Equal(("2021-05", "province", "Popayán"), ((string)colombia["occurredOn"]!, (string)Values(colombia, "locations")[0]["precision"]!, (string)Values(colombia, "locations")[0]["place"]!));
        Assert.Equal(["hostage-taking-kidnapping"], colombia["attackTypes"]!.AsArray().Select(a => (string)a!["value"]!));
    }

    [Fact]
    public async Task A_re_export_with_a_new_timestamp_supersedes_the_rows_earlier_version_in_the_same_transaction_and_the_old_file_adds_nothing()
    {
        var client = host.CreateClient();
        await ImportSampleAsync(client);
        var id = AcledImport.IncidentId("NIG31234");
        var changed = Line("NIG31234").Replace(",4,,1676900000", ",6,,1677800000", StringComparison.Ordinal);

        var result = await ImportAsync(client, "acled", File(changed), "text/csv", Source + "&release=2023-04");
        var events = (await client.GetJsonAsync($"/api/incidents/{id}/events?limit=100"))["items"]!.AsArray();
        var again = await ImportSampleAsync(client);

        Assert.Equal(1L, (long)result["imported"]!);
        var submitted = events.Last(e => (string)e!["type"]! == "report_submitted")!;
        var withdrawn = Assert.Single(events, e => (string)e!["type"]! == "facts_retracted")!;
        Assert.Equal((ulong)submitted["transactionId"]!, (ulong)withdrawn["transactionId"]!);
        Assert.Equal(("withdrawn-by-source", "2023-03-02T23:33:20+00:00"), ((string)withdrawn["data"]!["kind"]!, (string)withdrawn["data"]!["publishedAt"]!));
        Assert.Contains("replaced event NIG31234's version of 2023-02-20T13:33:20Z with that of 2023-03-02T23:33:20Z", (string)withdrawn["data"]!["reason"]!, StringComparison.Ordinal);
        var now = await client.GetJsonAsync($"/api/incidents/{id}");
        var then = await client.GetJsonAsync($"/api/incidents/{id}?asOf=2023-02-25");
        Assert.Equal((6, "single-source", 2), ((int)now["casualties"]!["killed"]!["best"]!, (string)now["casualties"]!["killed"]!["status"]!, (int)now["reportCount"]!));
        Assert.Equal(4, (int)then["casualties"]!["killed"]!["best"]!);
        Assert.Equal(0L, (long)again["imported"]!);
        Assert.Equal(events.Count, (await client.GetJsonAsync($"/api/incidents/{id}/events?limit=100"))["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_full_export_with_withdrawMissing_withdraws_the_rows_it_lacks_in_its_countries_and_days_only_once()
    {
        var client = host.CreateClient();
        await ImportSampleAsync(client);
        var mali = AcledImport.IncidentId("MLI20001");
        var newMali = Line("MLI20001").Replace("MLI20001,2023-03-05", "MLI20002,2023-03-10", StringComparison.Ordinal);
        var export = File(Line("NIG31234"), Line("COL9001"), Line("KSV100"), newMali);

        var result = await ImportAsync(client, "acled", export, "text/csv", Source + "&release=2023-06-01&withdrawMissing=true");
        var again = await ImportAsync(client, "acled", export, "text/csv", Source + "&release=2023-06-01&withdrawMissing=true");

        Assert.Equal((1L, 1L), ((long)result["imported"]!, (long)result["withdrawn"]!));
        Assert.Equal(0L, (long)again["withdrawn"]!);
        var now = await client.GetJsonAsync($"/api/incidents/{mali}");
        var before = await client.GetJsonAsync($"/api/incidents/{mali}?asOf=2023-05-31");
        Assert.Null(now["casualties"]!["killed"]);
        Assert.Empty(now["perpetrators"]!.AsArray());
        Assert.Equal(12, (int)before["casualties"]!["killed"]!["best"]!);
        var withdrawal = (await client.GetJsonAsync($"/api/incidents/{mali}/events?limit=100"))["items"]!.AsArray().Single(e => (string)e!["type"]! == "facts_retracted")!["data"]!;
        Assert.Equal("2023-06-01T00:00:00+00:00", (string)withdrawal["publishedAt"]!);
        Assert.Contains("covers CO, ML, NG, XK from 2021-05-23 to 2023-03-10", (string)withdrawal["reason"]!, StringComparison.Ordinal);
        // Afghanistan is not in the export: its row stays.
        Assert.Equal(53, (int)(await client.GetJsonAsync($"/api/incidents/{AcledImport.IncidentId("AFG7777")}"))["casualties"]!["killed"]!["best"]!);
    }

    [Fact]
    public async Task WithdrawMissing_is_refused_by_name_for_a_data_set_without_versions_and_for_a_value_that_is_not_true_or_false()
    {
        var client = host.CreateClient();

        await ProblemAssert.IsValidationProblemAsync(await PostAsync(client, "ucdp", Bytes("ucdp-ged-sample.csv"), "text/csv", "source=UCDP&release=2024-06&withdrawMissing=true"), "withdrawMissing");
        await ProblemAssert.IsValidationProblemAsync(await PostAsync(client, "acled", File(Line("NIG31234")), "text/csv", Source + "&release=2023-06&withdrawMissing=yes"), "withdrawMissing");
    }
}
