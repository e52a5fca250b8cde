using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AttackTracker.Api.Keys;
using AttackTracker.Domain.Notifications;

namespace AttackTracker.Api.Tests.Notifications;

/// <summary>Webhooks to real receivers on 127.0.0.1 (Kestrel, started by each test), signed, retried, dead-lettered and replayed.</summary>
public sealed class WebhookTests(NotificationHost host) : IClassFixture<NotificationHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly string[] France = ["FR"];
    private static readonly string[] FigureChanged = ["figure.changed"];
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

        var expected = await host.NotificationIdsAsync([.. incidents.Values]);
        var received = await receiver.WaitAsync(r => r.Select(w => w.Id).Distinct().Count() >= expected.Count, Patience, $"{expected.Count} notifications");

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

    [Theory]
    [InlineData("{}", "url")]
    [InlineData("""{"url":"ftp://example.org/hook"}""", "url")]
    [InlineData("""{"url":"https://user:secret@example.org/hook"}""", "url")]
    [InlineData("""{"url":"http:///hook"}""", "url")]
    [InlineData("""{"url":"/relative/hook"}""", "url")]
    [InlineData("""{"url":"https://example.org/hook#part"}""", "url")]
    [InlineData("""{"url":"https://example.org/hook","filter":{"kinds":["figure.moved"]}}""", "filter.kinds[0]")]
    [InlineData("""{"url":"https://example.org/hook","filter":{"countries":["XX"]}}""", "filter.countries[0]")]
    [InlineData("""{"url":"https://example.org/hook","filter":{"incidentIds":[]}}""", "filter.incidentIds")]
    [InlineData("""{"url":"https://example.org/hook","description":"   "}""", null)]
    public async Task A_bad_subscription_is_a_400_naming_the_field_and_nothing_is_stored(string body, string? field)
    {
        var before = await host.CountAsync("webhook_subscriptions");
        var response = await host.CreateClient().PostJsonAsync("/api/subscriptions", body);
        if (field is null)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return;
        }

        await ProblemAssert.IsValidationProblemAsync(response, field);
        Assert.Equal(before, await host.CountAsync("webhook_subscriptions"));
    }

    [Fact]
    public async Task The_secret_is_shown_once_editors_manage_subscriptions_and_readers_may_not()
    {
        var client = host.CreateClient();
        var response = await client.PostAsJsonAsync("/api/subscriptions", new { url = "https://newsroom.example/hooks", filter = new { countries = France, kinds = FigureChanged } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadJsonAsync();
        var id = created["id"]!.GetValue<Guid>();
        Assert.StartsWith("whsec_", (string)created["secret"]!, StringComparison.Ordinal);
        Assert.Equal($"/api/subscriptions/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal(ApiHost.EditorName, (string)created["owner"]!);

        var shown = await host.GetJsonAsync($"/api/subscriptions/{id}");
        Assert.Null(shown["secret"]);
        Assert.Equal("FR", (string)shown["filter"]!["countries"]![0]!);
        var listed = await host.GetJsonAsync("/api/subscriptions?pageSize=100");
        Assert.Contains(listed["items"]!.AsArray(), s => s!["id"]!.GetValue<Guid>() == id && s["secret"] is null);

        var reader = host.CreateClient(await host.CreateKeyAsync($"reader-{Guid.NewGuid():N}", Roles.Reader));
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/api/subscriptions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync("/api/subscriptions", new { url = "https://x.example/" })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient(apiKey: null).GetAsync($"/api/subscriptions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/subscriptions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/subscriptions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/subscriptions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/subscriptions/{id}/secret", null)).StatusCode);
    }

    [Fact]
    public async Task After_a_rotation_deliveries_carry_both_signatures_until_the_old_secret_expires()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (id, old) = await host.SubscribeAsync(receiver.Url);
        var rotation = await host.CreateClient().PostAsync($"/api/subscriptions/{id}/secret", null);
        Assert.Equal(HttpStatusCode.OK, rotation.StatusCode);
        var rotated = await rotation.ReadJsonAsync();
        var fresh = (string)rotated["secret"]!;
        Assert.NotEqual(old, fresh);
        Assert.True(rotated["previousSecretExpiresAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow.AddHours(23));

        var incident = await host.CreateClient().OpenIncidentAsync();
        var webhook = (await receiver.WaitAsync(r => r.Any(w => w.IncidentId == incident), Patience, "the opening")).First(w => w.IncidentId == incident);
        // The new secret's signature comes first. StandardWebhooks 1.1.2 stops before the last
        // signature of a header that has several (docs/notifications.md), so each is also checked on its own.
        webhook.Verify(fresh);
        Assert.Equal(2, webhook.Headers["webhook-signature"].ToString().Split(' ').Length);
        webhook.WithOnlySignature(0).Verify(fresh);
        webhook.WithOnlySignature(1).Verify(old);
        Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(() => webhook.WithOnlySignature(1).Verify(fresh));
        Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(() => webhook.Verify(WebhookSecret()));
    }

    [Fact]
    public async Task A_receiver_that_was_down_gets_everything_in_version_order_once_it_is_back()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var port = receiver.Port;
        await host.SubscribeAsync(receiver.Url);
        await receiver.StopAsync();

        var client = host.CreateClient();
        var incidents = new[] { await client.OpenIncidentAsync(), await client.OpenIncidentAsync() };
        for (var n = 0; n < 3; n++)
        {
            foreach (var incident in incidents)
            {
                await client.SubmitReportAsync(incident, ReportBodies.Casualties($"{n + 3}", source: $"Outlet {n}"));
            }
        }

        // Down for less than the 4 attempts take (200, 400 and 800 ms ±25 % apart): retried, not dead-lettered.
        await Task.Delay(TimeSpan.FromSeconds(0.6));
        await receiver.StartAsync(port);
        var expected = await host.NotificationIdsAsync(incidents);
        var received = await receiver.WaitAsync(r => r.Select(w => w.Id).Distinct().Count() >= expected.Count, Patience, $"{expected.Count} notifications");

        Assert.Equal(expected.Order(StringComparer.Ordinal), received.Select(r => r.Id).Distinct().Order(StringComparer.Ordinal));
        Deliveries.AssertInVersionOrderPerIncident(received);
    }

    [Fact]
    public async Task A_receiver_that_always_fails_ends_in_the_dead_letters_and_a_replay_delivers_with_the_same_webhook_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = _ => Task.FromResult(500);
        var (subscription, secret) = await host.SubscribeAsync(receiver.Url);
        var incident = await host.CreateClient().OpenIncidentAsync();
        var attempts = await receiver.WaitAsync(r => r.Count(w => w.IncidentId == incident) >= NotificationHost.MaxAttempts, Patience, "every attempt");
        var id = attempts.First(w => w.IncidentId == incident).Id;

        var letters = await WaitForDeadLettersAsync(subscription, 1);
        var letter = Assert.Single(letters);
        Assert.Equal((id, NotificationHost.MaxAttempts, "HTTP 500", "dead"), ((string)letter!["webhookId"]!, (int)letter["attempts"]!, (string)letter["lastError"]!, (string)letter["state"]!));
        Assert.Equal("incident.opened", (string)letter["notification"]!["type"]!);
        var status = await host.GetJsonAsync($"/api/subscriptions/{subscription}");
        Assert.Equal(1, (int)status["delivery"]!["deadLetters"]!);

        receiver.Respond = _ => Task.FromResult(204);
        var replay = await host.CreateClient().PostAsync($"/api/subscriptions/{subscription}/dead-letters/replay", null);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal(1, (int)(await replay.ReadJsonAsync())["queued"]!);
        var delivered = (await receiver.WaitAsync(r => r.Any(w => w.Id == id && w.Answered == 204), Patience, "the replay")).Single(w => w.Answered == 204);
        delivered.Verify(secret);
        Assert.Equal(attempts.First(w => w.Id == id).Body, delivered.Body);
        Assert.Equal(NotificationHost.MaxAttempts, attempts.Count(w => w.Id == id && w.Answered == 500));
        await WaitAsync(async () => (string)(await host.GetJsonAsync($"/api/subscriptions/{subscription}/dead-letters"))["items"]![0]!["state"]! == "delivered", "the dead letter marked delivered");
    }

    [Fact]
    public async Task A_4xx_is_dead_lettered_at_once_and_a_429_is_retried_no_sooner_than_its_Retry_After()
    {
        await using var refusing = await WebhookReceiver.StartAsync();
        refusing.Respond = _ => Task.FromResult(400);
        var (refused, _) = await host.SubscribeAsync(refusing.Url);
        await using var busy = await WebhookReceiver.StartAsync();
        var calls = 0;
        busy.Respond = _ => Task.FromResult(Interlocked.Increment(ref calls) == 1 ? 429 : 200);
        busy.AnswerHeaders["Retry-After"] = "2";
        await host.SubscribeAsync(busy.Url);

        var incident = await host.CreateClient().OpenIncidentAsync();
        var letter = Assert.Single(await WaitForDeadLettersAsync(refused, 1));
        Assert.Equal((1, "dead"), ((int)letter!["attempts"]!, (string)letter["state"]!));
        Assert.StartsWith("HTTP 400", (string)letter["lastError"]!, StringComparison.Ordinal);

        var tries = (await busy.WaitAsync(r => r.Any(w => w.IncidentId == incident && w.Answered == 200), Patience, "the second try")).Where(w => w.IncidentId == incident).ToList();
        Assert.Equal([429, 200], tries.Select(t => t.Answered));
        Assert.True(tries[1].At - tries[0].At >= TimeSpan.FromSeconds(1.9), $"retried after {(tries[1].At - tries[0].At).TotalMilliseconds} ms");
        await Task.Delay(500);
        Assert.Single(refusing.All, w => w.IncidentId == incident);
    }

    [Fact]
    public async Task A_receiver_slower_than_the_timeout_is_cut_off_and_does_not_hold_up_the_others()
    {
        await using var slow = await WebhookReceiver.StartAsync();
        slow.Respond = async _ =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            return 200;
        };
        var (slowSubscription, _) = await host.SubscribeAsync(slow.Url);
        await using var fast = await WebhookReceiver.StartAsync();
        await host.SubscribeAsync(fast.Url);

        var client = host.CreateClient();
        var incidents = new[] { await client.OpenIncidentAsync(), await client.OpenIncidentAsync(), await client.OpenIncidentAsync() };
        var started = DateTime.UtcNow;
        await fast.WaitAsync(r => incidents.All(i => r.Any(w => w.IncidentId == i)), TimeSpan.FromSeconds(5), "the fast receiver's notifications");
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(4), "the fast receiver waited for the slow one");

        await WaitAsync(async () => (string?)(await host.GetJsonAsync($"/api/subscriptions/{slowSubscription}"))["delivery"]!["lastError"] is { } error && error.StartsWith("no answer within 1 s", StringComparison.Ordinal), "the timeout recorded");
    }

    [Fact]
    public async Task A_refused_write_notifies_nothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await host.SubscribeAsync(receiver.Url);
        var client = host.CreateClient();
        var incident = await client.OpenIncidentAsync();
        await receiver.WaitAsync(r => r.Any(w => w.IncidentId == incident), Patience, "the opening");

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

        var received = await receiver.WaitAsync(r => r.Count > 0, Patience, "the claim");
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
        var received = await receiver.WaitAsync(r => r.Any(w => w.Type == "claim.reported"), Patience, "the imported claim");
        var imported = received.First(w => w.Type == "claim.reported");
        imported.Verify(secret);
        Assert.Equal("import-command", (string)imported.Json["data"]!["recordedBy"]!);
        var expected = await host.NotificationIdsAsync(imported.IncidentId);
        await receiver.WaitAsync(r => expected.All(id => r.Any(w => w.Id == id)), Patience, "every imported notification");
    }

    private async Task<JsonArray> WaitForDeadLettersAsync(Guid subscription, int count)
    {
        JsonArray? items = null;
        await WaitAsync(async () => (items = (await host.GetJsonAsync($"/api/subscriptions/{subscription}/dead-letters"))["items"]!.AsArray()).Count >= count, $"{count} dead letters");
        return items!;
    }

    private static async Task WaitAsync(Func<Task<bool>> done, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Waited {Patience.TotalSeconds} s for {what}.");
            await Task.Delay(100);
        }
    }

    private static string WebhookSecret() => Api.Notifications.WebhookStore.NewSecret();
}
