using System.Net;
using System.Text.Json.Nodes;

namespace AttackTracker.Api.Tests;

/// <summary>The transcribed reports in docs/examples, posted over HTTP the way a client would.</summary>
public static class Examples
{
    public static string Folder { get; } = Path.Combine(Repository.Root, "docs", "examples");

    /// <summary>Opens every incident of incidents.json, then posts each report file's groups in file order; returns the incident ids by sample key.</summary>
    public static async Task<IReadOnlyDictionary<string, Guid>> PostAllAsync(HttpClient client)
    {
        var ids = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var incident in Read("incidents.json").AsArray())
        {
            var body = incident!.DeepClone().AsObject();
            var key = (string)body["key"]!;
            body.Remove("key");
            ids[key] = await client.OpenIncidentAsync(body);
        }

        foreach (var file in Directory.GetFiles(Path.Combine(Folder, "reports"), "*.json").Order(StringComparer.Ordinal))
        {
            var sample = Read(Path.Combine("reports", Path.GetFileName(file)));
            foreach (var group in sample["incidents"]!.AsArray())
            {
                var report = sample["report"]!.DeepClone().AsObject();
                report["facts"] = group!["facts"]!.DeepClone();
                var response = await client.PostJsonAsync($"/api/incidents/{ids[(string)group["incident"]!]}/reports", report.ToJsonString());
                Assert.True(
                    response.StatusCode == HttpStatusCode.Created,
                    $"{Path.GetFileName(file)}, {group["incident"]}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        return ids;
    }

    private static JsonNode Read(string relativePath) => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, relativePath)))!;
}

/// <summary>A schema holding the examples, posted over HTTP once for the test class.</summary>
public sealed class ExamplesApiHost : ApiHost
{
    private Task<IReadOnlyDictionary<string, Guid>>? _incidents;

    public Task<IReadOnlyDictionary<string, Guid>> IncidentsAsync() => _incidents ??= Examples.PostAllAsync(CreateClient());
}
