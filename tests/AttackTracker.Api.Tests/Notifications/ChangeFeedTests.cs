using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace AttackTracker.Api.Tests.Notifications;

/// <summary>One Server-Sent Event.</summary>
public sealed record ServerSentEvent(string Id, string Event, string Data)
{
    public JsonObject Json => JsonNode.Parse(Data)!.AsObject();

    public Guid IncidentId => Json["data"]!["incidentId"]!.GetValue<Guid>();

    public static IReadOnlyList<ServerSentEvent> Parse(string text)
    {
        var events = new List<ServerSentEvent>();
        foreach (var block in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n"))
        {
            string? id = null, kind = null, data = null;
            foreach (var line in block.Split('\n'))
            {
                if (line.StartsWith("id: ", StringComparison.Ordinal))
                {
                    id = line[4..];
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    kind = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = line[6..];
                }
            }

            if (id is not null && data is not null)
            {
                events.Add(new ServerSentEvent(id, kind ?? "message", data));
            }
        }

        return events;
    }

    public static (long, int) Position(string id)
    {
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        return (long.Parse(id[..dash], System.Globalization.CultureInfo.InvariantCulture), int.Parse(id[(dash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>GET /api/changes: the notifications as Server-Sent Events, in commit order, resumable with Last-Event-ID.</summary>
public sealed class ChangeFeedTests(NotificationHost host) : IClassFixture<NotificationHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_feed_lists_every_notification_once_in_commit_order_and_resumes_right_after_any_id()
    {
        var client = host.CreateClient();
        var incidents = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.OpenIncidentAsync()));
        // Concurrent writers: commits interleave across incidents.
        await Task.WhenAll(incidents.Select(async (incident, i) =>
        {
            for (var n = 0; n < 4; n++)
            {
                await client.SubmitReportAsync(incident, ReportBodies.Casualties($"{n + i + 1}", source: $"Outlet {n}"));
            }
        }));
        var expected = await host.NotificationIdsAsync(incidents);

        var all = await WaitForAsync(client, "/api/changes?after=0-0&follow=false", events => events.Count(e => incidents.Contains(e.IncidentId)) >= expected.Count);
        var ours = all.Where(e => incidents.Contains(e.IncidentId)).ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), ours.Select(e => (string)e.Json["id"]!).Order(StringComparer.Ordinal));
        var positions = all.Select(e => ServerSentEvent.Position(e.Id)).ToList();
        Assert.True(positions.SequenceEqual(positions.Order()) && positions.Distinct().Count() == positions.Count, "the feed is not in strictly increasing order");
        Assert.All(ours, e => Assert.Equal((string)e.Json["type"]!, e.Event));
        foreach (var incident in ours.GroupBy(e => e.IncidentId))
        {
            var versions = incident.Select(e => (long)e.Json["data"]!["version"]!).ToList();
            Assert.True(versions.SequenceEqual(versions.Order()), $"incident {incident.Key} is out of version order");
        }

        foreach (var cut in new[] { 0, all.Count / 3, all.Count - 1 })
        {
            var rest = await ReadAsync(client, "/api/changes?follow=false", all[cut].Id);
            Assert.Equal(all.Skip(cut + 1).Select(e => e.Id), rest.Select(e => e.Id));
        }

        var claims = await ReadAsync(client, $"/api/changes?after=0-0&follow=false&kinds=incident.opened&incidentIds={incidents[0]},{incidents[1]}");
        Assert.Equal(2, claims.Count);
        Assert.All(claims, e => Assert.Equal("incident.opened", e.Event));
        Assert.Empty(await ReadAsync(client, "/api/changes?after=0-0&follow=false&countries=DE"));
        Assert.Empty(await ReadAsync(client, "/api/changes?follow=false"));
    }

    [Fact]
    public async Task A_live_client_that_reconnects_with_Last_Event_ID_misses_nothing_and_sees_nothing_twice()
    {
        var client = host.CreateClient();
        var incident = await client.OpenIncidentAsync();
        var received = new List<ServerSentEvent>();
        string? lastId = null;
        for (var round = 0; round < 3; round++)
        {
            using var cancel = new CancellationTokenSource(Patience);
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/changes?incidentIds={incident}" + (lastId is null ? "&after=0-0" : string.Empty));
            if (lastId is not null)
            {
                request.Headers.TryAddWithoutValidation("Last-Event-ID", lastId);
            }

            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            await using var body = await response.Content.ReadAsStreamAsync(cancel.Token);
            using var reader = new StreamReader(body, Encoding.UTF8);

            // While connected, two reports arrive; the client takes what comes, then drops the connection.
            var writes = Task.Run(async () =>
            {
                for (var n = 0; n < 2; n++)
                {
                    await client.SubmitReportAsync(incident, ReportBodies.Casualties($"{(round * 2) + n + 1}", source: $"Live {round}-{n}"));
                }
            });
            var text = new StringBuilder();
            var target = (await host.NotificationIdsAsync(incident)).Count;
            await writes;
            target = (await host.NotificationIdsAsync(incident)).Count;
            while (received.Count + ServerSentEvent.Parse(text.ToString()).Count < target)
            {
                var line = await reader.ReadLineAsync(cancel.Token) ?? throw new InvalidOperationException("The stream ended.");
                text.Append(line).Append('\n');
            }

            text.Append('\n');
            var got = ServerSentEvent.Parse(text.ToString());
            received.AddRange(got);
            lastId = got[^1].Id;
        }

        var expected = await host.NotificationIdsAsync(incident);
        Assert.Equal(expected, received.Select(e => (string)e.Json["id"]!));
        Assert.Equal(received.Count, received.Select(e => e.Id).Distinct().Count());
    }

    [Theory]
    [InlineData("/api/changes?kinds=figure.moved", "kinds")]
    [InlineData("/api/changes?kinds=a,b", "kinds")]
    [InlineData("/api/changes?countries=XX,YY,FR", "countries")]
    [InlineData("/api/changes?kinds=", "kinds")]
    [InlineData("/api/changes?countries=XX", "countries")]
    [InlineData("/api/changes?incidentIds=not-an-id", "incidentIds")]
    [InlineData("/api/changes?after=12", "after")]
    [InlineData("/api/changes?after=-1-0", "after")]
    [InlineData("/api/changes?follow=maybe", "follow")]
    public async Task Bad_feed_parameters_are_a_400_naming_the_parameter(string url, string field)
    {
        var response = await host.CreateClient().GetAsync(url);
        await ProblemAssert.IsValidationProblemAsync(response, field);
    }

    [Fact]
    public async Task A_bad_Last_Event_ID_is_a_400_naming_the_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/changes?follow=false");
        request.Headers.TryAddWithoutValidation("Last-Event-ID", "yesterday");
        await ProblemAssert.IsValidationProblemAsync(await host.CreateClient().SendAsync(request), "Last-Event-ID");
    }

    private static async Task<IReadOnlyList<ServerSentEvent>> ReadAsync(HttpClient client, string url, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (lastEventId is not null)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        }

        using var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return ServerSentEvent.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task<IReadOnlyList<ServerSentEvent>> WaitForAsync(HttpClient client, string url, Func<IReadOnlyList<ServerSentEvent>, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var events = await ReadAsync(client, url);
            if (done(events))
            {
                return events;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The feed has {events.Count} events after {Patience.TotalSeconds} s.");
            await Task.Delay(100);
        }
    }
}
