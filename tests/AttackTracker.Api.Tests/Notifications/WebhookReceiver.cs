using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StandardWebhooks;

namespace AttackTracker.Api.Tests.Notifications;

/// <summary>One webhook as a receiver saw it.</summary>
public sealed record ReceivedWebhook(string Id, string Body, IHeaderDictionary Headers, DateTimeOffset At, int Answered)
{
    public System.Text.Json.Nodes.JsonObject Json => System.Text.Json.Nodes.JsonNode.Parse(Body)!.AsObject();

    public string Type => (string)Json["type"]!;

    public Guid IncidentId => Json["data"]!["incidentId"]!.GetValue<Guid>();

    public long Version => (long)Json["data"]!["version"]!;

    /// <summary>Verifies the signature with the StandardWebhooks library, as any receiver would; throws when it does not match.</summary>
    public void Verify(string secret) => new StandardWebhook(secret).Verify(Body, Headers);

    /// <summary>The same webhook with only the <paramref name="index"/>-th of its space-separated signatures.</summary>
    public ReceivedWebhook WithOnlySignature(int index)
    {
        var headers = new HeaderDictionary(Headers.ToDictionary(h => h.Key, h => h.Value))
        {
            ["webhook-signature"] = Headers["webhook-signature"].ToString().Split(' ')[index],
        };
        return this with { Headers = headers };
    }
}

/// <summary>
/// A webhook receiver on real Kestrel at 127.0.0.1, started by the test: it records every request
/// and answers what <see cref="Respond"/> says (200 unless told otherwise). Stopped and started
/// again on the same port, it plays a receiver that was down.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private WebApplication? _app;
    private int _arrived;

    private WebhookReceiver()
    {
    }

    public int Port { get; private set; }

    public Uri Url => new($"http://127.0.0.1:{Port}/hooks");

    /// <summary>The status to answer a request with (and how long to take first); called for every request.</summary>
    public Func<string, Task<int>> Respond { get; set; } = _ => Task.FromResult(200);

    /// <summary>Headers to add to every answer, such as Retry-After.</summary>
    public IDictionary<string, string> AnswerHeaders { get; } = new ConcurrentDictionary<string, string>();

    public IReadOnlyList<ReceivedWebhook> All => [.. _received];

    /// <summary>Requests that arrived, answered or not yet (a receiver that hangs answers none).</summary>
    public int Arrived => Volatile.Read(ref _arrived);

    /// <summary>The requests that were answered with a 2xx.</summary>
    public IReadOnlyList<ReceivedWebhook> Delivered => [.. _received.Where(r => r.Answered is >= 200 and < 300)];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        await receiver.StartAsync(0);
        return receiver;
    }

    public async Task StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapPost("/hooks", async (HttpContext http) =>
        {
            Interlocked.Increment(ref _arrived);
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var id = http.Request.Headers["webhook-id"].ToString();
            var status = await Respond(id);
            _received.Enqueue(new ReceivedWebhook(id, body, new HeaderDictionary(http.Request.Headers.ToDictionary(h => h.Key, h => h.Value)), DateTimeOffset.UtcNow, status));
            foreach (var (name, value) in AnswerHeaders)
            {
                http.Response.Headers[name] = value;
            }

            http.Response.StatusCode = status;
        });
        await app.StartAsync();
        Port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        _app = app;
    }

    /// <summary>Takes the receiver down: connections to its port are refused until it starts again.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Waits until <paramref name="done"/> holds for what was received, or fails after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var all = All;
            if (done(all))
            {
                return all;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds} s for {what}; received {all.Count}: {string.Join(", ", all.Select(r => $"{r.Id}={r.Answered}"))}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
