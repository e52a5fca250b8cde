using System.Text.Json.Nodes;
using AttackTracker.Domain.Exchange;
using static AttackTracker.Api.Tests.Exchange.SampleFiles;

namespace AttackTracker.Api.Tests.Exchange;

/// <summary>UCDP GED's sample file through POST /api/import/ucdp (issue 23, docs/datasets.md).</summary>
public sealed class UcdpSampleTests(ApiHost host) : IClassFixture<ApiHost>
{
    private const string Query = "source=UCDP%20GED&release=2024-06";

    [Fact]
    public async Task The_sample_imports_every_good_row_and_refuses_each_bad_one_by_line_and_column_and_again_adds_nothing()
    {
        var client = host.CreateClient();

        var result = await ImportAsync(client, "ucdp", Bytes("ucdp-ged-sample.csv"), "text/csv", Query);
        var again = await ImportAsync(client, "ucdp", Bytes("ucdp-ged-sample.csv"), "text/csv", Query);

        // Other tests of the class import the file too; whichever runs first writes it.
        Assert.Equal((11L, 7L), ((long)result["rows"]!, (long)result["imported"]! + (long)result["unchanged"]!));
        Assert.Equal([(8, "low"), (9, "date_end"), (10, "country"), (12, "type_of_violence")], Rejected(result));
        Assert.Equal((0L, 7L), ((long)again["imported"]!, (long)again["unchanged"]!));
        Assert.Equal(UcdpImport.IncidentId("500001"), IncidentsByLine(result)[2]);
    }

    [Fact]
    public async Task One_sided_violence_has_its_range_perpetrator_target_and_exact_point()
    {
        var view = await ViewAsync("500001");

        Assert.Equal(("UCDP GED event 500001: Jama'atu Ahlis Sunna Lidda'awati wal-Jihad - Civilians", "2017-06-07", "NG"), ((string)view["title"]!, (string)view["occurredOn"]!, (string)view["country"]!));
        var killed = view["casualties"]!["killed"]!;
        Assert.Equal((12, 12, 15, "single-source"), ((int)killed["low"]!, (int)killed["best"]!, (int)killed["high"]!, (string)killed["status"]!));
        Assert.Equal("best 14, low 14, high 17 (side A 2, side B 0, civilians 12, unknown 0)", (string)killed["reports"]![0]!["quote"]!);
        Assert.Equal(2, (int)view["casualties"]!["perpetratorsKilled"]!["best"]!);
        Assert.Equal("Jama'atu Ahlis Sunna Lidda'awati wal-Jihad", (string)Only(Assert.Single(view["perpetrators"]!.AsArray())!["attributes"]!["affiliation"])!);
        Assert.Equal(("private-citizens-property", "Civilians"), ((string)Values(view, "targets")[0]["targetType"]!, (string)Values(view, "targets")[0]["detail"]!));
        var location = Assert.Single(Values(view, "locations"));
        Assert.Equal(("Maiduguri town", "Maiduguri LGA, Borno state", 11.84644, 13.16027, "exact"), ((string)location["place"]!, (string)location["region"]!, (double)location["lat"]!, (double)location["lon"]!, (string)location["precision"]!));
        Assert.Equal("UCDP GED", (string)view["sources"]![0]!["name"]!);
        Assert.Contains(Values(view, "notes"), n => ((string)n!).StartsWith("UCDP ids: id 500001; relid NGA-2017-3-1066-14", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Conflicts_have_both_sides_as_parties_their_dates_as_spans_and_UCDPs_country_names_and_numbers()
    {
        var mali = await ViewAsync("500002");
        var congo = await ViewAsync("500003");
        var yemen = await ViewAsync("500005");
        var syria = await ViewAsync("500006");

        Assert.Equal(["Government of Mali", "JNIM"], mali["perpetrators"]!.AsArray().Select(p => (string)Only(p!["attributes"]!["affiliation"])!));
        Assert.Equal((9, 12), ((int)mali["casualties"]!["killed"]!["low"]!, (int)mali["casualties"]!["killed"]!["high"]!));
        Assert.Equal("near", (string)Values(mali, "locations")[0]["precision"]!);
        Assert.Equal(("CD", "2020-03", "terrorists-non-state-militia"), ((string)congo["country"]!, (string)congo["occurredOn"]!, (string)Values(congo, "targets")[0]["targetType"]!));
        Assert.Equal(("YE", "2017"), ((string)yemen["country"]!, (string)yemen["occurredOn"]!));
        var span = Assert.Single(yemen["timeline"]!.AsArray())!;
        Assert.Equal(("2016-12-28", true), ((string)span["at"]!, (bool)span["approximate"]!));
        Assert.Contains("between 2016-12-28 and 2017-01-03 (date_prec 3: only the week is known)", (string)span["description"]!, StringComparison.Ordinal);
        Assert.Equal(("2015", "country", 20, 45), ((string)syria["occurredOn"]!, (string)Values(syria, "locations")[0]["precision"]!, (int)syria["casualties"]!["killed"]!["low"]!, (int)syria["casualties"]!["killed"]!["high"]!));
        Assert.Equal("RU", (string)(await ViewAsync("500010"))["country"]!);
    }

    [Fact]
    public async Task Mode_all_refuses_the_file_naming_each_bad_row_and_writes_nothing()
    {
        await using var target = new ApiHost();
        await target.InitializeAsync();

        var response = await PostAsync(target.CreateClient(), "ucdp", Bytes("ucdp-ged-sample.csv"), "text/csv", Query + "&mode=all");

        var errors = (await ProblemAssert.IsProblemAsync(response, System.Net.HttpStatusCode.BadRequest))["errors"]!.AsObject();
        Assert.Equal(["line 10: country", "line 12: type_of_violence", "line 8: low", "line 9: date_end"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(0, (await target.CountWritesAsync()).Events);
    }

    private async Task<JsonObject> ViewAsync(string id)
    {
        var client = host.CreateClient();
        await ImportAsync(client, "ucdp", Bytes("ucdp-ged-sample.csv"), "text/csv", Query);
        return await client.GetJsonAsync($"/api/incidents/{UcdpImport.IncidentId(id)}");
    }
}
