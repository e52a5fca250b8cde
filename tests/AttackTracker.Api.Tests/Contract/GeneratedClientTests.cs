using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag.CodeGeneration.CSharp;

namespace AttackTracker.Api.Tests.Contract;

/// <summary>
/// A typed C# client generated from the published document with a standard generator (NSwag, as
/// docs/api.md shows), compiled, and driven through the seed scenario: the five transcribed
/// reports on the Carcassonne and Trèbes attack posted through it, and the view read back through it.
/// </summary>
public sealed class GeneratedClientTests(ApiHost host) : IClassFixture<ApiHost>
{
    /// <summary>
    /// Compiled with the generated client: opens every sample incident, posts every sample report
    /// with the client's own request types, and reads the Carcassonne view back as the client's
    /// IncidentView. Newtonsoft.Json is NSwag's default serializer, and the one that honours the
    /// enum names the document lists (EnumMember).
    /// </summary>
    private const string Scenario = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Newtonsoft.Json;
        using Newtonsoft.Json.Linq;

        namespace Generated;

        public static class SeedScenario
        {
            public static async Task<string> RunAsync(HttpClient http, string folder)
            {
                var client = new AttackTrackerClient(http);
                var ids = new Dictionary<string, Guid>();
                foreach (JObject incident in JArray.Parse(File.ReadAllText(Path.Combine(folder, "incidents.json"))))
                {
                    var key = (string)incident["key"];
                    incident.Remove("key");
                    var opened = await client.OpenIncidentAsync(null, "generated-client", incident.ToObject<OpenIncidentRequest>());
                    ids[key] = opened.Id;
                }

                var reports = 0;
                foreach (var file in Directory.GetFiles(Path.Combine(folder, "reports"), "*.json").OrderBy(f => f, StringComparer.Ordinal))
                {
                    var sample = JObject.Parse(File.ReadAllText(file));
                    foreach (JObject group in sample["incidents"])
                    {
                        var report = (JObject)sample["report"].DeepClone();
                        report["facts"] = group["facts"].DeepClone();
                        var created = await client.SubmitReportAsync(ids[(string)group["incident"]], null, null, "generated-client", report.ToObject<ReportRequest>());
                        reports += created.FactIds.Count > 0 ? 1 : 0;
                    }
                }

                IncidentView view = await client.GetIncidentAsync(ids["carcassonne-trebes-2018"], null, null, null, null, null);
                var wounded = view.Casualties.Wounded;
                var killed = view.Casualties.Killed;
                return $"{ids.Count} incidents, {reports} reports; killed {killed.Low}/{killed.Best}/{killed.High} {killed.Status}; wounded {wounded.Low}/{wounded.Best}/{wounded.High} {wounded.Status}; {view.ReportCount} reports on the view";
            }
        }
        """;

    /// <summary>The type the generator leaves to the client, as docs/api.md shows it: the count's JSON as it is.</summary>
    private const string ReportedCount = """
        using System;
        using Newtonsoft.Json;
        using Newtonsoft.Json.Linq;

        namespace Generated;

        [JsonConverter(typeof(ReportedCountConverter))]
        public sealed class ReportedCount
        {
            public JToken Json { get; set; }
        }

        public sealed class ReportedCountConverter : JsonConverter<ReportedCount>
        {
            public override ReportedCount ReadJson(JsonReader reader, Type objectType, ReportedCount existingValue, bool hasExistingValue, JsonSerializer serializer) =>
                reader.TokenType == JsonToken.Null ? null : new ReportedCount { Json = JToken.Load(reader) };

            public override void WriteJson(JsonWriter writer, ReportedCount value, JsonSerializer serializer) => value.Json.WriteTo(writer);
        }
        """;

    [Fact]
    public async Task A_client_generated_from_the_document_runs_the_seed_scenario()
    {
        var document = await NSwag.OpenApiDocument.FromJsonAsync(host.Contract.Contract!.Document.ToJsonString());
        var settings = new CSharpClientGeneratorSettings { ClassName = "AttackTrackerClient", UseBaseUrl = false, GenerateClientInterfaces = false };
        settings.CSharpGeneratorSettings.Namespace = "Generated";
        // A count is a number or an object; C# has no such type, so the client supplies it (docs/api.md).
        settings.CSharpGeneratorSettings.ExcludedTypeNames = ["ReportedCount"];
        var client = new CSharpClientGenerator(document, settings).GenerateFile();

        var assembly = Compile(client, ReportedCount, Scenario);
        var run = assembly.GetType("Generated.SeedScenario")!.GetMethod("RunAsync")!;
        var summary = await (Task<string>)run.Invoke(null, [host.CreateClient(), Examples.Folder])!;

        Assert.Equal("15 incidents, 24 reports; killed 4/4/4 Agreed; wounded 15/15/16 Disputed; 4 reports on the view", summary);
    }

    private static Assembly Compile(params string[] sources)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(Newtonsoft.Json.JsonConvert).Assembly.Location)
            .Distinct()
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            "GeneratedAttackTrackerClient",
            sources.Select(s => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest))),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)));
        image.Position = 0;
        return new AssemblyLoadContext("generated-client", isCollectible: true).LoadFromStream(image);
    }
}
