using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace AttackTracker.Benchmarks;

/// <summary>The calls several phases make to the service: a timed GET, a streamed download counted by lines, an import job run to its end.</summary>
public static class BenchHttp
{
    /// <summary>Seconds for one GET, the body read whole.</summary>
    public static async Task<double> TimedGetAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        await response.EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync(cancellationToken);
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>The lines of a streamed answer and the seconds from the request to its last byte.</summary>
    public static async Task<(long Lines, double Seconds)> LinesAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        long lines = 0;
        while (await reader.ReadLineAsync(cancellationToken) is not null)
        {
            lines++;
        }

        return (lines, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Uploads <paramref name="file"/> as an import job (Prefer: respond-async) and polls the job until it ends; throws unless it completed.</summary>
    public static async Task<(JsonElement Job, double UploadSeconds)> ImportAsync(
        HttpClient client, string file, string format, string source, string release, string charset, Func<HttpClient, CancellationToken, Task>? whileRunning, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var clock = Stopwatch.StartNew();
        using var content = new StreamContent(File.OpenRead(file));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"text/csv; charset={charset}");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/import/{format}?source={Uri.EscapeDataString(source)}&release={Uri.EscapeDataString(release)}") { Content = content };
        request.Headers.Add("Prefer", "respond-async");
        using var response = await client.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"The import was answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var uploaded = clock.Elapsed.TotalSeconds;
        JsonElement job;
        using (var sampling = new CancellationTokenSource())
        {
            var sampler = whileRunning?.Invoke(client, sampling.Token) ?? Task.CompletedTask;
            job = await WaitAsync(client, response.Headers.Location!, cancellationToken);
            await sampling.CancelAsync();
            await sampler;
        }

        var state = job.GetProperty("state").GetString();
        return state == "completed" ? (job, uploaded) : throw new InvalidOperationException($"The import job ended {state}: {job}");
    }

    private static async Task<JsonElement> WaitAsync(HttpClient client, Uri location, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var job = JsonDocument.Parse(await client.GetStringAsync(location, cancellationToken));
            if (job.RootElement.GetProperty("state").GetString() is not ("queued" or "running"))
            {
                return job.RootElement.Clone();
            }

            await Task.Delay(500, cancellationToken);
        }
    }
}
