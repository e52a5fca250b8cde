using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace AttackTracker.Api.Tests.Contract;

/// <summary>The service as deployed: its document names its public address.</summary>
public sealed class PublicApiHost : ApiHost
{
    public const string PublicUrl = "https://api.attacktracker.dev";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Api:PublicUrl"] = PublicUrl + "/" };
}

/// <summary>The published document itself: what it declares, a standard linter's verdict, and that the checker bites.</summary>
public sealed class DocumentTests(PublicApiHost host) : IClassFixture<PublicApiHost>
{
    private JsonObject Document => host.Contract.Contract!.Document;

    [Fact]
    public void The_webhook_is_described_with_its_headers_and_payload_and_the_checker_refuses_a_body_that_breaks_it()
    {
        var webhook = Document["webhooks"]!["changeNotification"]!["post"]!;
        Assert.Equal(["webhook-id", "webhook-timestamp", "webhook-signature"], webhook["parameters"]!.AsArray().Select(p => (string)p!["name"]!));
        Assert.Equal("#/components/schemas/NotificationEnvelope", (string)webhook["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!);
        Assert.Equal(Domain.Notifications.ChangeNotifications.Kinds, Document["components"]!["schemas"]!["NotificationEnvelope"]!["properties"]!["type"]!["enum"]!.AsArray().Select(k => (string)k!));

        var contract = host.Contract.Contract!;
        Assert.NotEmpty(contract.CheckWebhook("changeNotification", """{"id":"x","type":"incident.opened","timestamp":"2026-12-02T10:00:00Z"}"""));
        Assert.NotEmpty(contract.CheckWebhook("changeNotification", """{"id":"x","type":"toll.moved","timestamp":"2026-12-02T10:00:00Z","data":{}}"""));
    }

    [Fact]
    public void Every_operation_has_an_id_a_summary_a_described_tag_and_its_problems_as_ProblemDetails()
    {
        var tags = Document["tags"]!.AsArray().ToDictionary(t => (string)t!["name"]!, t => (string?)t!["description"]);
        var operations = Operations().ToList();

        Assert.Equal(54, operations.Count);
        Assert.Equal(operations.Count, operations.Select(o => (string?)o.Operation["operationId"]).Distinct().Count());
        Assert.All(operations, o =>
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)o.Operation["summary"]), $"{o.Method} {o.Path} has no summary");
            Assert.All(o.Operation["tags"]!.AsArray(), t => Assert.False(string.IsNullOrWhiteSpace(tags[(string)t!])));
            foreach (var (status, response) in o.Operation["responses"]!.AsObject().Where(r => r.Key[0] is '4' or '5'))
            {
                Assert.True(response!["content"]?["application/problem+json"] is not null, $"{o.Method} {o.Path} {status} is not a ProblemDetails");
            }
        });
        Assert.Equal("apiKey", (string?)Document["components"]!["securitySchemes"]!["apiKey"]!["type"]);
        Assert.Equal([PublicApiHost.PublicUrl], Document["servers"]!.AsArray().Select(s => (string)s!["url"]!));
        Assert.NotNull(Document["info"]!["license"]);
        Assert.NotNull(Document["info"]!["contact"]);
    }

    [Fact]
    public void The_writes_need_a_key_and_describe_their_headers()
    {
        var report = Operation("post", "/api/incidents/{id}/reports");
        var parameters = report["parameters"]!.AsArray().Select(p => (string)p!["name"]!).ToList();

        Assert.Equal(["id", "Idempotency-Key", "If-Match", "X-Correlation-Id"], parameters);
        Assert.DoesNotContain(report["security"]!.AsArray(), s => s!.AsObject().Count == 0);
        Assert.NotNull(report["responses"]!["201"]!["headers"]!["ETag"]);
        Assert.NotNull(report["responses"]!["201"]!["headers"]!["Location"]);
        Assert.NotNull(report["responses"]!["412"]!["headers"]!["ETag"]);
        Assert.NotNull(report["responses"]!["429"]!["headers"]!["Retry-After"]);
        Assert.Contains(Operation("get", "/api/incidents/{id}")["security"]!.AsArray(), s => s!.AsObject().Count == 0);
    }

    [Fact]
    public void Query_parameters_carry_their_real_types_and_bounds()
    {
        var view = Operation("get", "/api/incidents/{id}")["parameters"]!.AsArray();
        var list = Operation("get", "/api/incidents")["parameters"]!.AsArray();
        JsonNode Schema(JsonArray parameters, string name) => parameters.Single(p => (string?)p!["name"] == name)!["schema"]!;

        Assert.Equal("integer", (string?)Schema(view, "version")["type"]);
        Assert.Equal(0, (long)Schema(view, "version")["minimum"]!);
        Assert.NotNull(Schema(view, "asOf")["pattern"]);
        Assert.Equal(100, (long)Schema(list, "pageSize")["maximum"]!);
        Assert.Equal("date", (string?)Schema(list, "from")["format"]);
        Assert.Contains(Operation("get", "/api/incidents/{id}")["responses"]!.AsObject(), r => r.Key == "304");
    }

    [Fact]
    public void Request_bodies_require_what_the_validation_requires_and_carry_its_limits()
    {
        var schemas = Document["components"]!["schemas"]!;
        var report = schemas["ReportRequest"]!;

        Assert.Equal(["source", "title", "publishedAt", "facts"], report["required"]!.AsArray().Select(r => (string)r!));
        Assert.Equal(300, (int)report["properties"]!["title"]!["maxLength"]!);
        Assert.Equal(100, (int)report["properties"]!["facts"]!["maxItems"]!);
        Assert.Equal(["name"], schemas["SourceRequest"]!["required"]!.AsArray().Select(r => (string)r!));
        Assert.Equal(["A", "B", "C", "D", "E", "F"], schemas["Reliability"]!["enum"]!.AsArray().Select(r => (string)r!));
        Assert.Equal(["claimant"], schemas["ClaimFact"]!["allOf"]![1]!["required"]!.AsArray().Select(r => (string)r!));
        // A fact's kind picks its schema: the base lists the kinds, each kind extends the base.
        Assert.Equal("#/components/schemas/ClaimFact", (string)schemas["Fact"]!["discriminator"]!["mapping"]!["claim"]!);
        Assert.Equal("#/components/schemas/Fact", (string)schemas["ClaimFact"]!["allOf"]![0]!["$ref"]!);
        Assert.Equal(4, schemas["ReportedCount"]!["anyOf"]!.AsArray().Count);
        // Left out when null in every answer, so not required there.
        Assert.DoesNotContain("title", schemas["IncidentView"]!["required"]!.AsArray().Select(r => (string)r!));
    }

    [Fact]
    public void The_checker_refuses_a_body_an_undeclared_status_and_a_wrong_media_type()
    {
        var contract = host.Contract.Contract!;

        Assert.NotEmpty(contract.Check("GET", "/api/incidents/{id}", 200, "application/json", Encoding.UTF8.GetBytes("""{"id": 5}""")));
        Assert.NotEmpty(contract.Check("GET", "/api/incidents/{id}", 418, "application/problem+json", Encoding.UTF8.GetBytes("{}")));
        Assert.NotEmpty(contract.Check("GET", "/api/sources", 200, "text/html", Encoding.UTF8.GetBytes("[]")));
        Assert.Empty(contract.Check("GET", "/api/sources", 200, "application/json; charset=utf-8", Encoding.UTF8.GetBytes("[]")));
    }

    [Fact]
    public async Task Responses_the_tests_receive_are_checked_against_the_document()
    {
        var before = host.Contract.Checked;
        var client = host.CreateClient();
        var id = await client.OpenIncidentAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/incidents/{id}")).StatusCode);
        Assert.True(host.Contract.Checked >= before + 2, $"{host.Contract.Checked - before} responses were checked");
    }

    [Fact]
    public async Task The_document_passes_Redocly_recommended_rules_with_no_error_and_no_warning()
    {
        var lint = Path.Combine(Repository.Root, "tests", "AttackTracker.Api.Tests", "Contract", "lint");
        var redocly = Path.Combine(lint, "node_modules", ".bin", "redocly");
        Assert.True(File.Exists(redocly), $"Redocly CLI is not installed: run `npm ci --prefix {lint}` (tests/run.sh does).");
        var document = Path.Combine(Path.GetTempPath(), $"attacktracker-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(document, Document.ToJsonString());
        try
        {
            var environment = new Dictionary<string, string> { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true", ["NO_COLOR"] = "1" };
            var (exit, output, errors) = await Repository.RunAsync(redocly, ["lint", document, "--format", "stylish"], environment, TimeSpan.FromMinutes(1));
            var text = output + "\n" + errors;

            Assert.True(exit == 0, text);
            Assert.Contains("Your API description is valid.", text, StringComparison.Ordinal);
            Assert.DoesNotContain("warning", text.Replace("Deprecation warning", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            File.Delete(document);
        }
    }

    private JsonObject Operation(string method, string path) => Document["paths"]![path]![method]!.AsObject();

    private IEnumerable<(string Method, string Path, JsonObject Operation)> Operations() =>
        Document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => (o.Key, p.Key, o.Value!.AsObject())));
}
