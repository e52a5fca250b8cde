using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;

namespace AttackTracker.ClusterDrill;

/// <summary>A webhook receiver on loopback: every delivery is recorded by its notification id and answered 200.</summary>
public sealed class HookListener : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public HookListener(int port)
    {
        Url = $"http://127.0.0.1:{port}/hooks/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    /// <summary>Every notification received, by id ("incident:version:index"): its kind and how many times it came.</summary>
    public ConcurrentDictionary<string, (string Kind, int Times)> Received { get; } = new(StringComparer.Ordinal);

    public bool Has(string kind, Guid incident, long version) =>
        Received.Any(r => r.Value.Kind == kind && r.Key.StartsWith($"{incident}:{version}:", StringComparison.Ordinal));

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                using var reader = new StreamReader(context.Request.InputStream);
                var body = JsonNode.Parse(await reader.ReadToEndAsync())!;
                var id = (string)body["id"]!;
                var kind = (string)body["type"]!;
                Received.AddOrUpdate(id, (kind, 1), (_, seen) => (seen.Kind, seen.Times + 1));
                context.Response.StatusCode = 200;
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or NullReferenceException)
            {
                context.Response.StatusCode = 400;
            }

            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
