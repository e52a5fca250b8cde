using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AttackTracker.Domain.Exchange;
using static AttackTracker.Api.Tests.Exchange.SampleFiles;

namespace AttackTracker.Api.Tests.Exchange;

/// <summary>
/// The data sets beside the GTD as import jobs (issue 23, docs/datasets.md): a file sent with
/// Prefer: respond-async is answered 202, and its job reports progress, its charset, its
/// rejections by line and column, and the rows a full export withdrew.
/// </summary>
public sealed class DatasetJobTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static async Task<JsonObject> JobAsync(HttpClient client, string format, byte[] body, string contentType, string query)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/import/{format}?{query}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("Prefer", "respond-async");
        var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await ImportJobTests.WaitAsync(client, response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_RAND_file_as_a_job_completes_in_its_declared_charset_and_pages_its_rejections_by_line_and_column()
    {
        var client = host.CreateClient();

        var job = await JobAsync(client, "rand", Bytes("rand-rdwti-sample.csv"), "text/csv; charset=windows-1252", "source=RAND%20RDWTI&release=2012-04");

        Assert.Equal(("completed", "rand", "windows-1252"), ((string)job["state"]!, (string)job["format"]!, (string)job["charset"]!));
        Assert.Equal((12L, 12L, 8L, 4L), ((long)job["rows"]!, (long)job["rowsRead"]!, (long)job["imported"]! + (long)job["unchanged"]!, (long)job["rejected"]!));
        var page = await client.GetJsonAsync($"{job["rejections"]}?pageSize=2");
        Assert.Equal(4L, (long)page["total"]!);
        Assert.Equal([(10, "Injuries"), (11, "Date")], page["items"]!.AsArray().Select(r => ((int)r!["line"]!, (string)r["column"]!)));
    }

    [Fact]
    public async Task An_ACLED_full_export_as_a_job_withdraws_the_rows_it_lacks_and_says_how_many()
    {
        var client = host.CreateClient();
        var first = await JobAsync(client, "acled", Bytes("acled-sample.csv"), "text/csv", "source=ACLED%20jobs&release=2023-03");
        // Mali's event is gone from the export; another Mali event keeps Mali and its days covered.
        var export = AcledSampleTests.File(AcledSampleTests.Line("NIG31234"), AcledSampleTests.Line("COL9001"), AcledSampleTests.Line("KSV100"),
            AcledSampleTests.Line("MLI20001").Replace("MLI20001,2023-03-05", "MLI20002,2023-03-10", StringComparison.Ordinal));

        var full = await JobAsync(client, "acled", export, "text/csv", "source=ACLED%20jobs&release=2023-06-01&withdrawMissing=true");

        Assert.Equal(("completed", false, 0L), ((string)first["state"]!, (bool)first["withdrawMissing"]!, (long)first["withdrawn"]!));
        Assert.Equal(("completed", true, 1L, 1L), ((string)full["state"]!, (bool)full["withdrawMissing"]!, (long)full["imported"]!, (long)full["withdrawn"]!));
        var mali = await client.GetJsonAsync($"/api/incidents/{AcledImport.IncidentId("MLI20001")}");
        Assert.Null(mali["casualties"]!["killed"]);
    }
}
