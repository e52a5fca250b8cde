using System.Text.Json.Nodes;
using static AttackTracker.Api.Tests.Exchange.SampleFiles;

namespace AttackTracker.Api.Tests.Exchange;

/// <summary>RAND RDWTI's sample file through POST /api/import/rand (issue 23, docs/datasets.md): Windows-1252, counts in words, rows without ids.</summary>
public sealed class RandSampleTests(ApiHost host) : IClassFixture<ApiHost>
{
    private const string Query = "source=RAND%20RDWTI&release=2012-04";
    private const string Charset = "text/csv; charset=windows-1252";

    private async Task<(JsonObject Result, Dictionary<int, Guid> Incidents)> ImportAsync()
    {
        var result = await SampleFiles.ImportAsync(host.CreateClient(), "rand", Bytes("rand-rdwti-sample.csv"), Charset, Query);
        return (result, IncidentsByLine(result));
    }

    [Fact]
    public async Task The_sample_imports_in_its_charset_refusing_each_bad_row_by_line_and_column_and_again_adds_nothing()
    {
        var (result, incidents) = await ImportAsync();
        var (again, _) = await ImportAsync();

        Assert.Equal(12L, (long)result["rows"]!);
        Assert.Equal(8L, (long)result["imported"]! + (long)result["unchanged"]!);
        Assert.Equal([(10, "Injuries"), (11, "Date"), (12, "Country"), (13, "Injuries")], Rejected(result));
        Assert.Equal((0L, 8L), ((long)again["imported"]!, (long)again["unchanged"]!));
        Assert.Contains("'~100' is approximate", (string)result["rejected"]!.AsArray().First(r => (int)r!["line"]! == 10)!["message"]!, StringComparison.Ordinal);
        Assert.NotEqual(incidents[8], incidents[9]);
    }

    [Fact]
    public async Task Without_its_charset_the_file_is_refused_by_the_line_that_is_not_UTF_8_and_nothing_is_kept()
    {
        var (events, _) = await host.CountWritesAsync();

        var response = await PostAsync(host.CreateClient(), "rand", Bytes("rand-rdwti-sample.csv"), "text/csv", Query);

        var problem = (await ProblemAssert.IsValidationProblemAsync(response, "body"))["errors"]!["body"]![0]!.ToString();
        Assert.Contains("line 5", problem, StringComparison.Ordinal);
        Assert.Equal(events, (await host.CountWritesAsync()).Events);
    }

    [Fact]
    public async Task Counts_in_words_become_the_records_qualifiers_with_RANDs_words_quoted()
    {
        var (_, incidents) = await ImportAsync();
        var client = host.CreateClient();
        var nairobi = await client.GetJsonAsync($"/api/incidents/{incidents[4]}");
        var bogota = await client.GetJsonAsync($"/api/incidents/{incidents[5]}");
        var quetta = await client.GetJsonAsync($"/api/incidents/{incidents[7]}");

        Assert.Equal(("1998-08-07", "KE", "Nairobi"), ((string)nairobi["occurredOn"]!, (string)nairobi["country"]!, (string)nairobi["place"]!));
        Assert.Equal((213, 4000, (int?)null), ((int)nairobi["casualties"]!["killed"]!["best"]!, (int)nairobi["casualties"]!["wounded"]!["low"]!, (int?)nairobi["casualties"]!["wounded"]!["high"]));
        Assert.Equal("Injuries: 4000+", (string)nairobi["casualties"]!["wounded"]!["reports"]![0]!["quote"]!);
        Assert.Equal(("Remote-detonated explosive", "explosives"), ((string)Values(nairobi, "weapons")[0]["detail"]!, (string)Values(nairobi, "weapons")[0]["weaponType"]!));
        Assert.Equal(("Bogotá", "CO", 0, 1, 24), ((string)bogota["place"]!, (string)bogota["country"]!, (int)bogota["casualties"]!["killed"]!["best"]!, (int)bogota["casualties"]!["perpetratorsKilled"]!["best"]!, (int)bogota["casualties"]!["wounded"]!["low"]!));
        Assert.Equal((1, 3), ((int)quetta["casualties"]!["wounded"]!["low"]!, (int)quetta["casualties"]!["wounded"]!["high"]!));
        Assert.Equal("2009-03-23", (string)quetta["occurredOn"]!);
    }

    [Fact]
    public async Task A_weapon_without_a_GTD_type_is_kept_in_RANDs_words_and_the_historical_state_is_its_successor()
    {
        var (_, incidents) = await ImportAsync();
        var client = host.CreateClient();
        var koln = await client.GetJsonAsync($"/api/incidents/{incidents[6]}");
        var saigon = await client.GetJsonAsync($"/api/incidents/{incidents[2]}");

        Assert.Empty(koln["weapons"]!.AsArray());
        Assert.Contains(Values(koln, "notes"), n => (string)n! == "Weapon: Unconventional Attack");
        Assert.Empty(koln["perpetrators"]!.AsArray());
        Assert.Null(koln["casualties"]!["killed"]);
        Assert.Equal(("1968-02-09", "VN", "Viet Cong"), ((string)saigon["occurredOn"]!, (string)saigon["country"]!, (string)Only(saigon["perpetrators"]![0]!["attributes"]!["affiliation"])!));
    }
}
