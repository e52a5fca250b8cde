using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AttackTracker.Domain.Notifications;

namespace AttackTracker.Api.Tests.Notifications;

/// <summary>What the webhooks carry: every kind, signed, in version order, to the subscribers whose filter matches, and nothing for a refused write.</summary>
public sealed class WebhookTests(NotificationHost host) : IClassFixture<NotificationHost>
{
    private static readonly string[] ClaimReported = ["claim.reported"];

    [Fact]
    public async Task The_seed_scenario_notifies_every_kind_signed_so_that_the_StandardWebhooks_library_verifies_each()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (_, secret) = await host.SubscribeAsync(receiver.Url);
        var client = host.CreateClient();
        var incidents = await Examples.PostAllAsync(client);
        var carcassonne = incidents["carcassonne-trebes-2018"];
        var reports = JsonNode.Parse(await client.GetStringAsync($"/api/incidents/{carcassonne}/reports"))!.AsArray();
        var first = reports[0]!["reportId"]!.GetValue<Guid>();
        var retracted = await client.PostAsJsonAsync($"/api/incidents/{carcassonne}/retractions", new { reportId = first, kind = "entered-in-error", reason = "Transcribed from the wrong report." });
        Assert.Equal(HttpStatusCode.Created, retracted.StatusCode);
        var adjudicated = await client.PostAsJsonAsync($"/api/incidents/{carcassonne}/adjudications", new { category = "wounded", value = 16, rationale = "The prosecutor's figure." });
        Assert.Equal(HttpStatusCode.Created, adjudicated.StatusCode);
        // Two attacks of the same night merged, then told apart again (issue 23): each notifies both incidents.
        var (survivor, absorbed) = (incidents["charlie-hebdo-2015-01"], incidents["hypercacher-2015-01"]);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/incidents/{survivor}/merges", new { absorbed, reason = "Looked like one attack." })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/incidents/{survivor}/unmerges", new { absorbed, reason = "Two attacks, two days apart." })).StatusCode);

        var expected = await host.NotificationIdsAsync([.. incidents.Values]);
        var received = await receiver.WaitAsync(r => r.Select(w => w.Id).Distinct().Count() >= expected.Count, NotificationHost.Patience, $"{expected.Count} notifications");

        Assert.Equal(expected.Order(StringComparer.Ordinal), received.Select(r => r.Id).Distinct().Order(StringComparer.Ordinal));
        Assert.All(received, r => r.Verify(secret));
        // Every body keeps to the webhook the published document describes.
        Assert.All(received, r => Assert.Empty(host.Contract.Contract!.CheckWebhook("changeNotification", r.Body)));
        Assert.Equal(ChangeNotifications.Kinds.Order(StringComparer.Ordinal), received.Select(r => r.Type).Distinct().Order(StringComparer.Ordinal));
        Deliveries.AssertInVersionOrderPerIncident(received);
        Assert.All(received, r => Assert.Equal(r.Id, (string)r.Json["id"]!));

        var ofCarcassonne = received.Where(r => r.IncidentId == carcassonne).Select(r => r.Json).ToList();
        var disputed = Assert.Single(ofCarcassonne, n => (string)n["type"]! == "figure.disputed" && (string)n["data"]!["category"]! == "wounded");
        Assert.Equal("disputed", (string)disputed["data"]!["after"]!["status"]!);
        Assert.NotNull(disputed["data"]!["before"]);
        Assert.NotNull(disputed["data"]!["reportId"]);
        // Each report that carries the claim notifies it, with the report that carried it.
        var claims = ofCarcassonne.Where(n => (string)n["type"]! == "claim.reported").ToList();
        Assert.Contains(claims, c => (string?)c["data"]!["claimant"] == "Islamic State" && ((string?)c["data"]!["channel"])?.Contains("Amaq", StringComparison.Ordinal) == true);
        Assert.Equal(claims.Count, claims.Select(c => (string)c["data"]!["reportId"]!).Distinct().Count());
        var withdrawn = Assert.Single(ofCarcassonne, n => (string)n["type"]! == "fact.retracted");
        Assert.NotEmpty(withdrawn["data"]!["factIds"]!.AsArray());
        var ruled = ofCarcassonne.Last(n => (string)n["type"]! == "figure.changed" && (string)n["data"]!["category"]! == "wounded");
        Assert.Equal(("adjudicated", 16), ((string)ruled["data"]!["after"]!["status"]!, (int)ruled["data"]!["after"]!["best"]!));
        Assert.Equal(ApiHost.EditorName, (string)ruled["data"]!["recordedBy"]!);
        Assert.Equal("FR", (string)ruled["data"]!["country"]!);
    }

    [Fact]
    public async Task A_refused_write_notifies_nothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await host.SubscribeAsync(receiver.Url);
        var client = host.CreateClient();
        var incident = await client.OpenIncidentAsync();
        await receiver.WaitAsync(r => r.Any(w => w.IncidentId == incident), NotificationHost.Patience, "the opening");

        var stale = await client.PostReportAsync(incident, ReportBodies.Casualties("3"), request => request.Headers.TryAddWithoutValidation("If-Match", "\"7\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var invalid = await client.PostJsonAsync($"/api/incidents/{incident}/reports", """{"source":{"name":"x"},"facts":[]}""");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var unknownFact = await client.PostAsJsonAsync($"/api/incidents/{incident}/retractions", new { factIds = new[] { Guid.NewGuid() }, kind = "entered-in-error", reason = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownFact.StatusCode);

        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(await host.NotificationIdsAsync(incident));
        Assert.Single(receiver.All, w => w.IncidentId == incident);
    }

    [Fact]
    public async Task A_subscription_filtered_by_incident_and_kind_gets_only_those()
    {
        var client = host.CreateClient();
        var wanted = await client.OpenIncidentAsync();
        var other = await client.OpenIncidentAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        await host.SubscribeAsync(receiver.Url, new { incidentIds = new[] { wanted }, kinds = ClaimReported });
        var claim = ReportBodies.Report("""[{"type":"claim","claimant":"Islamic State","channel":"Amaq News Agency"}]""");
        await client.SubmitReportAsync(other, claim);
        await client.SubmitReportAsync(wanted, ReportBodies.Casualties("2"));
        await client.SubmitReportAsync(wanted, claim);

        var received = await receiver.WaitAsync(r => r.Count > 0, NotificationHost.Patience, "the claim");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var only = Assert.Single(receiver.All);
        Assert.Equal(("claim.reported", wanted), (only.Type, only.IncidentId));
    }

    [Fact]
    public async Task An_import_on_the_command_line_reaches_the_subscribers_through_the_running_service()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (_, secret) = await host.SubscribeAsync(receiver.Url);
        var csv = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(csv, "eventid,iyear,imonth,iday,country_txt,city,nkill,gname,claimed,title\r\n201512310001,2015,12,31,France,Lille,2,A Group,1,Test incident\r\n");
            var environment = new Dictionary<string, string>
            {
                ["ConnectionStrings__EventStore"] = host.ConnectionString,
                ["EventStore__Schema"] = host.Schema,
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
            };
            var (exit, _, errors) = await Repository.RunAsync("dotnet", [Repository.ApiDll, "import", "gtd", csv, "--source", "Global Terrorism Database", "--release", "2021-06"], environment, TimeSpan.FromSeconds(90));
            Assert.True(exit == 0, errors);
        }
        finally
        {
            File.Delete(csv);
        }

        // The command line has no Wolverine runtime: its rows fan out in their own transactions,
        // and the service's dispatcher delivers them.
        var received = await receiver.WaitAsync(r => r.Any(w => w.Type == "claim.reported"), NotificationHost.Patience, "the imported claim");
        var imported = received.First(w => w.Type == "claim.reported");
        imported.Verify(secret);
        Assert.Equal("import-command", (string)imported.Json["data"]!["recordedBy"]!);
        var expected = await host.NotificationIdsAsync(imported.IncidentId);
        await receiver.WaitAsync(r => expected.All(id => r.Any(w => w.Id == id)), NotificationHost.Patience, "every imported notification");
    }
}
