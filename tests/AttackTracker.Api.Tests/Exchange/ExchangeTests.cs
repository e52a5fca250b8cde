using System.Globalization;
using System.Net;
using System.Text;
using AttackTracker.Api.Exchange;
using AttackTracker.Domain.Exchange;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;

namespace AttackTracker.Api.Tests.Exchange;

/// <summary>The GTD-shaped CSV out and in, and the event log archive, on the sample data (docs/export.md).</summary>
public sealed class ExchangeTests(SampleApiHost host) : IClassFixture<SampleApiHost>
{
    private const string Carcassonne = "f0d76bc7-c1f7-8ecd-aac6-b6efe755b63b";

    /// <summary>Columns that describe the record (its reports, versions and reconciliation), not the incident: an import makes them anew.</summary>
    private static readonly HashSet<string> Provenance =
        ["scite1", "scite2", "scite3", "nreports", "version", "nkill_status", "nwound_status", "nkill_low", "nkill_high", "nwound_low", "nwound_high"];

    [Fact]
    public async Task The_export_has_the_codebook_columns_and_the_seed_incident_as_the_record_holds_it()
    {
        var rows = await ExportAsync(host.CreateClient(), string.Empty);
        Assert.Equal(15, rows.Count);
        var row = rows.Single(r => r["eventid"] == Carcassonne);
        Assert.Equal(("2018", "3", "23"), (row["iyear"], row["imonth"], row["iday"]));
        Assert.Equal(("France", "FR", "Trèbes"), (row["country_txt"], row["country_iso2"], row["city"]));
        Assert.Equal(("2", "Armed Assault", "5"), (row["attacktype1"], row["attacktype1_txt"], row["attacktype2"]));
        Assert.Equal(("Islamic State", "1"), (row["gname"], row["claimed"]));
        // The GTD's nkill counts the perpetrator killed too (nkillter): four victims and the attacker.
        Assert.Equal(("5", "1", "5", "5", "agreed"), (row["nkill"], row["nkillter"], row["nkill_low"], row["nkill_high"], row["nkill_status"]));
        Assert.Equal(("15", "15", "16", "disputed"), (row["nwound"], row["nwound_low"], row["nwound_high"], row["nwound_status"]));
        Assert.Equal("4", row["nreports"]);
        Assert.StartsWith("\"Islamic State claims its ‘soldier’ took hostages in southern France,\" Long War Journal, 2018-03-23.", row["scite1"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task As_of_23_March_2018_the_export_shows_three_killed_from_the_one_report_published_by_then()
    {
        var row = (await ExportAsync(host.CreateClient(), "?asOf=2018-03-23&country=FR")).Single(r => r["eventid"] == Carcassonne);
        Assert.Equal(("3", "3", string.Empty, "single-source", "1"), (row["nkill"], row["nkill_low"], row["nkill_high"], row["nkill_status"], row["nreports"]));
        Assert.Equal(string.Empty, row["scite2"]);
    }

    [Fact]
    public async Task A_month_only_date_exports_day_0_and_filters_narrow_the_rows()
    {
        await using var target = new ApiHost();
        await target.InitializeAsync();
        var client = target.CreateClient();
        var id = await client.OpenIncidentAsync(new { title = "Month-only incident", occurredOn = "1999-07", country = "BE", place = "Brussels" });
        var row = (await ExportAsync(client, "?country=BE&from=1999-01-01&to=1999-12-31")).Single();
        Assert.Equal((id.ToString(), "1999", "7", "0", "Unknown", "-9"), (row["eventid"], row["iyear"], row["imonth"], row["iday"], row["gname"], row["claimed"]));
        Assert.Empty(await ExportAsync(client, "?country=BE&from=2000-01-01"));
    }

    [Fact]
    public async Task Hostile_text_is_quoted_and_formulas_are_escaped()
    {
        await using var target = new ApiHost();
        await target.InitializeAsync();
        var client = target.CreateClient();
        const string title = "=HYPERLINK(\"http://evil.example\",\"click\"), with a comma";
        const string summary = "Line one, \"quoted\"\nline two\n+SUM(A1:A2)";
        await client.OpenIncidentAsync(new { title, occurredOn = "2001-02-03", country = "LU", place = "Luxembourg", summary });

        var response = await client.GetAsync(new Uri("/api/export/gtd.csv?country=LU", UriKind.Relative));
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\"), with a comma\"", raw, StringComparison.Ordinal);
        var row = Parse(raw).Single();
        Assert.Equal("'" + title, row["title"]);
        Assert.Equal(summary, row["summary"]);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task A_bare_LF_or_CR_cannot_start_a_row_and_the_export_reimports_whole_with_mode_all()
    {
        await using var source = new ApiHost();
        await source.InitializeAsync();
        const string summary = "Gunmen attacked the market.\n=HYPERLINK(\"http://evil.example\")\rlast line";
        const string title = "@attack, with a formula title";
        var id = await source.CreateClient().OpenIncidentAsync(new { title, occurredOn = "2003-04-05", country = "MT", place = "Valletta", summary });

        var exported = await ExportRawAsync(source.CreateClient(), "?country=MT");
        var records = new List<CsvRecord>();
        var reader = new CsvRecordReader(new StringReader(exported));
        while (await reader.ReadAsync() is { } record)
        {
            records.Add(record);
        }

        // Issue 26 item 1: the header and one row, whatever line breaks the text holds.
        Assert.Equal(2, records.Count);
        var row = Domain.Exchange.GtdCodebook.Columns.Zip(records[1].Cells).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        Assert.Equal((id.ToString(), summary, "'" + title), (row["eventid"], row["summary"], row["title"]));

        await using var target = new ApiHost();
        await target.InitializeAsync();
        var imported = await ImportAsync(target.CreateClient(), exported, "mode=all");
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var again = (await ExportAsync(target.CreateClient(), "?country=MT")).Single();
        Assert.Equal((summary, "'" + title), (again["summary"], again["title"]));
    }

    [Theory]
    [InlineData("?from=2020-01-01&to=2019-01-01", "from")]
    [InlineData("?groupBy=x", "groupBy")]
    [InlineData("?from=2019-02-30", "from")]
    [InlineData("?country=France", "country")]
    [InlineData("?version=3", "version")]
    [InlineData("?asOf=99999-01-01", "asOf")]
    public async Task A_bad_filter_is_a_400_naming_it(string query, string field)
    {
        var response = await host.CreateClient().GetAsync(new Uri("/api/export/gtd.csv" + query, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadJsonAsync())["errors"]![field]);
    }

    [Fact]
    public async Task Export_import_into_an_empty_database_and_export_again_gives_the_same_incidents_and_a_second_import_adds_nothing()
    {
        var exported = await ExportRawAsync(host.CreateClient(), "?to=2030-01-01");
        await using var target = new ApiHost();
        await target.InitializeAsync();
        var client = target.CreateClient();

        var first = await ImportAsync(client, exported, "mode=all");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var result = await first.ReadJsonAsync();
        Assert.Equal((15, 15, 0), ((int)result["rows"]!, (int)result["imported"]!, result["rejected"]!.AsArray().Count));

        var again = await (await ImportAsync(client, exported, "mode=all")).ReadJsonAsync();
        Assert.Equal((0, 15), ((int)again["imported"]!, (int)again["unchanged"]!));

        var before = Parse(exported).ToDictionary(r => r["eventid"]);
        var after = await ExportAsync(client, string.Empty);
        Assert.Equal(before.Count, after.Count);
        foreach (var row in after)
        {
            var original = before[row["eventid"]];
            foreach (var column in row.Keys.Where(c => !Provenance.Contains(c)))
            {
                Assert.True(original[column] == row[column], $"{row["eventid"]} {column}: '{original[column]}' exported, '{row[column]}' after the import");
            }
        }

        // The figures each came back as one report's: 15 to 16 wounded is kept as that range.
        var carcassonne = after.Single(r => r["eventid"] == Carcassonne);
        Assert.Equal(("15", "16", "single-source", "1"), (carcassonne["nwound_low"], carcassonne["nwound_high"], carcassonne["nwound_status"], carcassonne["nreports"]));
        var reports = await client.GetStringAsync(new Uri($"/api/incidents/{Carcassonne}/reports", UriKind.Relative));
        Assert.Contains("AttackTracker export 2026-12-01, event " + Carcassonne, reports, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_row_is_named_by_line_and_column_per_row_by_default_and_stops_everything_in_mode_all()
    {
        await using var target = new ApiHost();
        await target.InitializeAsync();
        var client = target.CreateClient();
        const string csv = "eventid,iyear,imonth,iday,country_txt,city,nkill,nkillter,attacktype1,gname,claimed\r\n"
            + "201001010001,2010,1,1,France,Paris,5,1,2,Some Group,1\r\n"
            + "201001010002,abc,1,1,France,Lyon,1,,2,,\r\n"
            + "201001010003,2010,2,30,Atlantis,Nice,1,3,42,,\r\n";

        var all = await ImportAsync(client, csv, "mode=all");
        Assert.Equal(HttpStatusCode.BadRequest, all.StatusCode);
        var errors = (await all.ReadJsonAsync())["errors"]!.AsObject();
        Assert.Equal(["line 3: iyear", "line 4: attacktype1", "line 4: country_txt", "line 4: iday", "line 4: nkillter"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal((0L, 0L), await target.CountWritesAsync());

        var rows = await (await ImportAsync(client, csv, string.Empty)).ReadJsonAsync();
        Assert.Equal((3, 1), ((int)rows["rows"]!, (int)rows["imported"]!));
        var view = await client.GetJsonAsync($"/api/incidents/{rows["incidents"]![0]!["incidentId"]}");
        Assert.Equal((4, 1), ((int)view["casualties"]!["killed"]!["best"]!, (int)view["casualties"]!["perpetratorsKilled"]!["best"]!));
        Assert.Equal("Some Group", (string)view["claims"]![0]!["value"]!["claimant"]!);
        Assert.Equal(3, (int)rows["rejected"]![0]!["line"]!);
    }

    [Fact]
    public async Task A_byte_order_mark_is_read_a_bad_header_is_refused_and_an_eventid_must_name_an_incident()
    {
        await using var target = new ApiHost();
        await target.InitializeAsync();
        var client = target.CreateClient();

        var bom = await (await ImportAsync(client, "\uFEFFeventid,iyear,country_txt,nkill\r\n201001010009,2010,Belgium,1\r\n", string.Empty)).ReadJsonAsync();
        Assert.Equal(1, (int)bom["imported"]!);

        var twice = await (await ImportAsync(client, "eventid,iyear,iyear,country_txt\r\n1,2010,2011,France\r\n", string.Empty)).ReadJsonAsync();
        Assert.Equal(("iyear", 1), ((string)twice["rejected"]![0]!["column"]!, (int)twice["rejected"]![0]!["line"]!));
        var wide = await (await ImportAsync(client, string.Join(',', Enumerable.Range(0, 300).Select(i => $"c{i}")) + "\r\n1\r\n", string.Empty)).ReadJsonAsync();
        Assert.Contains("more than 256 cells", (string)wide["rejected"]![0]!["message"]!, StringComparison.Ordinal);

        // The empty UUID, and the id of a source's stream, are no incident.
        var source = Domain.Sources.SourceNames.IdFor("Agence Test");
        await client.PostReportOkAsync(await client.OpenIncidentAsync(), ReportBodies.Report("[{\"type\":\"note\",\"text\":\"x\"}]"));
        var (events, _) = await target.CountWritesAsync();
        var named = await (await ImportAsync(client, $"eventid,iyear,country_txt\r\n{Guid.Empty},2010,France\r\n{source},2010,France\r\n", string.Empty)).ReadJsonAsync();
        Assert.Equal((0, 2), ((int)named["imported"]!, named["rejected"]!.AsArray().Count));
        Assert.Contains("not an incident", (string)named["rejected"]![1]!["message"]!, StringComparison.Ordinal);
        Assert.Equal(events, (await target.CountWritesAsync()).Events);
    }

    [Theory]
    [InlineData("source=GTD&release=2021", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("release=2021", "text/csv", HttpStatusCode.BadRequest)]
    [InlineData("source=GTD&release=next-year", "text/csv", HttpStatusCode.BadRequest)]
    [InlineData("source=GTD&release=2021&mode=some", "text/csv", HttpStatusCode.BadRequest)]
    public async Task An_import_without_its_source_release_or_CSV_body_is_refused(string query, string contentType, HttpStatusCode status)
    {
        var content = new StringContent("eventid\r\n1\r\n", Encoding.UTF8, contentType);
        var response = await host.CreateClient().PostAsync(new Uri("/api/import/gtd?" + query, UriKind.Relative), content);
        Assert.Equal(status, response.StatusCode);
    }

    [Fact]
    public async Task The_archive_restores_into_an_empty_database_identically_and_a_changed_line_is_refused_by_number()
    {
        var response = await host.CreateClient().GetAsync(new Uri("/api/export/events.jsonl", UriKind.Relative));
        var archive = await response.Content.ReadAsStringAsync();
        var lines = archive.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("{\"end\":{\"events\":", lines[^1], StringComparison.Ordinal);

        await using var target = new ApiHost();
        await target.InitializeAsync();
        var restore = target.Services.GetRequiredService<EventArchive>();
        var restored = await restore.RestoreAsync(() => new StringReader(archive), CancellationToken.None);
        Assert.Equal((15, 20), (restored.ViewsCompared, restored.ChainsVerified));
        Assert.Equal(
            (await host.CreateClient().GetJsonAsync($"/api/incidents/{Carcassonne}")).ToJsonString(),
            (await target.CreateClient().GetJsonAsync($"/api/incidents/{Carcassonne}")).ToJsonString());
        await Assert.ThrowsAsync<ArchiveException>(() => restore.RestoreAsync(() => new StringReader(archive), CancellationToken.None));

        await using var empty = new ApiHost();
        await empty.InitializeAsync();
        var tampered = (string[])lines.Clone();
        var changed = Array.FindIndex(tampered, l => l.Contains("\"killed\":4", StringComparison.Ordinal));
        tampered[changed] = tampered[changed].Replace("\"killed\":4", "\"killed\":40", StringComparison.Ordinal);
        var refused = await Assert.ThrowsAsync<ArchiveException>(() =>
            empty.Services.GetRequiredService<EventArchive>().RestoreAsync(() => new StringReader(string.Join('\n', tampered)), CancellationToken.None));
        Assert.Equal(changed + 1, refused.Line);
        Assert.Equal(0, await empty.CountAsync("mt_events"));

        var withoutAView = lines.Where(l => !l.StartsWith("{\"view\":{\"streamId\":\"" + Carcassonne, StringComparison.Ordinal)).ToArray();
        Assert.Equal(lines.Length - 1, withoutAView.Length);
        var unviewed = await Assert.ThrowsAsync<ArchiveException>(() =>
            empty.Services.GetRequiredService<EventArchive>().RestoreAsync(() => new StringReader(string.Join('\n', withoutAView)), CancellationToken.None));
        Assert.Contains($"none for {Carcassonne}", unviewed.Message, StringComparison.Ordinal);
        Assert.Equal(0, await empty.CountAsync("mt_events"));

        var cut = await Assert.ThrowsAsync<ArchiveException>(() =>
            empty.Services.GetRequiredService<EventArchive>().RestoreAsync(() => new StringReader(string.Join('\n', lines[..^1])), CancellationToken.None));
        Assert.Contains("end line is missing", cut.Message, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, string csv, string mode) =>
        client.PostAsync(
            new Uri($"/api/import/gtd?source=AttackTracker%20export&release=2026-12-01&{mode}", UriKind.Relative),
            new StringContent(csv, Encoding.UTF8, "text/csv"));

    private static async Task<string> ExportRawAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync(new Uri("/api/export/gtd.csv" + query, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<List<Dictionary<string, string>>> ExportAsync(HttpClient client, string query) => Parse(await ExportRawAsync(client, query));

    private static List<Dictionary<string, string>> Parse(string csv)
    {
        using var reader = new CsvReader(new StringReader(csv), CultureInfo.InvariantCulture);
        reader.Read();
        reader.ReadHeader();
        var header = reader.HeaderRecord!;
        Assert.Equal(Domain.Exchange.GtdCodebook.Columns, header);
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            Assert.Equal(header.Length, reader.Parser.Count);
            rows.Add(header.Select((h, i) => (h, reader.GetField(i) ?? string.Empty)).ToDictionary(p => p.h, p => p.Item2, StringComparer.Ordinal));
        }

        return rows;
    }
}
