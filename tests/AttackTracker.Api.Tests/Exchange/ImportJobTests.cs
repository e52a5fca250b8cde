using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AttackTracker.Api.Exchange;

namespace AttackTracker.Api.Tests.Exchange;

/// <summary>GTD-shaped files made for a test: rows enough to pass the inline size, with chosen bad rows.</summary>
public static class GtdFiles
{
    public const string Header = "eventid,iyear,imonth,iday,country_txt,city,nkill,nwound,gname,summary";

    /// <summary><paramref name="rows"/> rows, eventids from <paramref name="first"/>; the rows in <paramref name="bad"/> name a month 13.</summary>
    public static string Rows(int rows, long first = 201801010001, params int[] bad)
    {
        var text = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < rows; i++)
        {
            var month = bad.Contains(i) ? 13 : (i % 12) + 1;
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{first + i},2018,{month},{(i % 28) + 1},France,Lille,{i % 5},{i % 7},Group {i % 9},\"Row {i}, with a comma\"\n");
        }

        return text.ToString();
    }
}

/// <summary>
/// Imports at the size of a real data set are jobs: a file past the inline size (or any file with
/// Prefer: respond-async) is answered 202 with the job's address, and the job reports its state,
/// rows, rate and time left, pages its rejections, and can be cancelled; importing the file again
/// completes it without duplicates.
/// </summary>
public sealed class ImportJobTests(ApiHost host) : IClassFixture<ApiHost>
{
    private const string Query = "source=Global%20Terrorism%20Database&release=2021-06";
    private static readonly string[] Ended = ["cancelled", "completed"];

    [Fact]
    public async Task A_file_past_the_inline_size_is_a_job_that_reports_its_progress_and_completes()
    {
        var client = host.CreateClient();
        var rows = ImportUploads.InlineRows + 500;

        var response = await PostAsync(client, GtdFiles.Rows(rows, first: 201901010001));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        var queued = await response.ReadJsonAsync();
        Assert.Equal(location, $"/api/import/jobs/{(string)queued["id"]!}");
        Assert.Equal(rows, (long)queued["rows"]!);
        var done = await WaitAsync(client, location);
        Assert.Equal(("completed", rows, rows, 0L, 0L), ((string)done["state"]!, (long)done["rowsRead"]!, (long)done["imported"]!, (long)done["unchanged"]!, (long)done["rejected"]!));
        Assert.True((double)done["rowsPerSecond"]! > 0);
        Assert.Equal(rows, await host.CountAsync("mt_events WHERE type = 'report_submitted' AND data->>'title' LIKE 'Global Terrorism Database 2021-06, event 20190101%'"));
        Assert.Equal(0, await host.CountAsync($"import_job_chunks WHERE job_id = '{(string)queued["id"]!}'"));
    }

    [Fact]
    public async Task A_queued_small_file_pages_its_rejections_by_line_and_column()
    {
        var client = host.CreateClient();

        var response = await PostAsync(client, GtdFiles.Rows(30, first: 201902020001, bad: [3, 17]), prefer: "respond-async");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var done = await WaitAsync(client, response.Headers.Location!.ToString());
        Assert.Equal(("completed", 28L, 2L), ((string)done["state"]!, (long)done["imported"]!, (long)done["rejected"]!));
        var page = await client.GetJsonAsync($"{done["rejections"]}?pageSize=1");
        Assert.Equal(2, (long)page["total"]!);
        Assert.Equal((5, "imonth"), ((int)page["items"]![0]!["line"]!, (string)page["items"]![0]!["column"]!));
        var second = await client.GetJsonAsync($"{done["rejections"]}?page=2&pageSize=1");
        Assert.Equal(19, (int)second["items"]![0]!["line"]!);
    }

    [Fact]
    public async Task A_windows_1252_file_imports_when_declared_and_is_refused_by_line_with_nothing_kept_when_not()
    {
        var client = host.CreateClient();
        var bytes = Encoding.Latin1.GetBytes($"{GtdFiles.Header}\n201903030001,2018,3,23,France,Trèbes,4,15,Islamic State,\"Attack in Trèbes\"\n");
        var (events, _) = await host.CountWritesAsync();

        var refused = await PostAsync(client, bytes, "text/csv");

        var problem = (await ProblemAssert.IsValidationProblemAsync(refused, "body"))["errors"]!["body"]![0]!.ToString();
        Assert.Contains("line 2", problem, StringComparison.Ordinal);
        Assert.Contains("charset=windows-1252", problem, StringComparison.Ordinal);
        Assert.Equal(events, (await host.CountWritesAsync()).Events);

        var imported = await PostAsync(client, bytes, "text/csv; charset=windows-1252");

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var result = await imported.ReadJsonAsync();
        Assert.Equal(1, (int)result["imported"]!);
        var incident = await client.GetJsonAsync($"/api/incidents/{result["incidents"]![0]!["incidentId"]}");
        Assert.Equal("Trèbes", (string)incident["place"]!);
    }

    [Fact]
    public async Task A_cancelled_job_keeps_what_it_committed_and_importing_again_completes_it_without_duplicates()
    {
        var client = host.CreateClient();
        var rows = 3_000;
        var file = GtdFiles.Rows(rows, first: 201904040001);

        var first = await PostAsync(client, file, prefer: "respond-async");
        var cancelled = await client.DeleteAsync(first.Headers.Location);
        Assert.Contains(cancelled.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict });
        Assert.Contains((string)(await WaitAsync(client, first.Headers.Location!.ToString()))["state"]!, Ended);
        var again = await WaitAsync(client, (await PostAsync(client, file, prefer: "respond-async")).Headers.Location!.ToString());
        // Read once the second has run: the batch the first was writing when cancelled has committed by then (one runner takes one job at a time).
        var stopped = await client.GetJsonAsync(first.Headers.Location!.ToString());

        Assert.Equal("completed", (string)again["state"]!);
        Assert.Equal(rows, (long)stopped["imported"]! + (long)again["imported"]!);
        Assert.Equal(rows, (long)again["imported"]! + (long)again["unchanged"]!);
        Assert.Equal(rows, await host.CountAsync($"mt_events WHERE type = 'report_submitted' AND (data->>'title') LIKE 'Global Terrorism Database 2021-06, event 2019040%'"));
    }

    [Fact]
    public async Task Mode_all_with_a_bad_row_fails_the_job_and_writes_nothing()
    {
        var client = host.CreateClient();
        var (events, _) = await host.CountWritesAsync();

        var response = await PostAsync(client, GtdFiles.Rows(ImportUploads.InlineRows + 10, first: 201905050001, bad: [1_500]), mode: "all");

        var done = await WaitAsync(client, response.Headers.Location!.ToString());
        Assert.Equal(("failed", 0L, 1L), ((string)done["state"]!, (long)done["imported"]!, (long)done["rejected"]!));
        Assert.Contains("nothing was written", (string)done["error"]!, StringComparison.Ordinal);
        Assert.Equal(events, (await host.CountWritesAsync()).Events);
    }

    [Fact]
    public async Task An_unknown_format_a_bad_charset_and_an_unknown_job_are_refused_by_name()
    {
        var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/import/nope?{Query}", new StringContent("a\n", Encoding.UTF8, "text/csv"))).StatusCode);
        await ProblemAssert.IsValidationProblemAsync(await PostAsync(client, "eventid\n1\n"u8.ToArray(), "text/csv; charset=ebcdic"), "charset");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/import/jobs/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/import/jobs/{Guid.NewGuid()}")).StatusCode);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string csv, string? prefer = null, string mode = "rows") =>
        PostAsync(client, Encoding.UTF8.GetBytes(csv), "text/csv", prefer, mode);

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] body, string contentType, string? prefer = null, string mode = "rows")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/import/gtd?{Query}&mode={mode}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (prefer is not null)
        {
            request.Headers.Add("Prefer", prefer);
        }

        return client.SendAsync(request);
    }

    /// <summary>The job at <paramref name="location"/> once it has ended (or after three minutes).</summary>
    internal static async Task<JsonObject> WaitAsync(HttpClient client, string location)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (true)
        {
            var job = await client.GetJsonAsync(location);
            if ((string)job["state"]! is not ("queued" or "running") || DateTime.UtcNow > deadline)
            {
                return job;
            }

            await Task.Delay(200);
        }
    }
}
