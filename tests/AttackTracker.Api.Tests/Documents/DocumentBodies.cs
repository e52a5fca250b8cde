using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using AttackTracker.Api.Documents;

namespace AttackTracker.Api.Tests.Documents;

/// <summary>Document bodies and seed articles for the document, passage and desk tests.</summary>
public static class DocumentBodies
{
    /// <summary>A seed article an analyst would paste, as the desk's annotated set keeps it (byte for byte the shared seeds): 1 to 5.</summary>
    public static string Seed(int number)
    {
        var folder = Path.Combine(Repository.Root, "tests", "AttackTracker.Domain.Tests", "Desk", "Articles");
        return File.ReadAllText(Directory.GetFiles(folder, $"0{number}-seed-*.txt").Single());
    }

    public static JsonObject Body(string text, string? publisher = null, string publishedAt = "2018-03-29") => new()
    {
        ["text"] = text,
        ["title"] = "Perpetrator of Carcassonne and Trèbes terrorist attacks known to French intelligence agencies",
        ["url"] = "https://www.wsws.org/en/articles/2018/03/29/fran-m29.html",
        ["publisher"] = new JsonObject { ["name"] = publisher ?? "World Socialist Web Site", ["kind"] = "news", ["reliability"] = "C" },
        ["publishedAt"] = publishedAt,
        ["language"] = "en",
    };

    public static void PostDocument(this Scenario scenario, JsonObject body) => scenario.PostJson("/api/documents", body.ToJsonString());

    /// <summary>Stores a document that must be accepted (201 or 200); returns what the service answered.</summary>
    public static async Task<DocumentInfo> StoreDocument(this ApiHost host, string text, string? publisher = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var result = await host.Scenario(s =>
        {
            s.PostDocument(Body(text, publisher));
            s.IgnoreStatusCode();
        });
        var status = (HttpStatusCode)result.Context.Response.StatusCode;
        Assert.True(status is HttpStatusCode.Created or HttpStatusCode.OK, $"The document was refused: {(int)status} {await result.ReadAsTextAsync()}");
        return await result.Read<DocumentInfo>();
    }

    public static Task<HttpResponseMessage> PostDocumentAsync(this HttpClient client, JsonObject body) =>
        client.PostJsonAsync("/api/documents", body.ToJsonString());

    /// <summary>Stores a document that must be accepted (201 or 200); returns its id.</summary>
    public static async Task<string> StoreDocumentAsync(this HttpClient client, string text, string? publisher = null)
    {
        var response = await client.PostDocumentAsync(Body(text, publisher));
        Assert.True(response.IsSuccessStatusCode, $"The document was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (string)(await response.ReadJsonAsync())["id"]!;
    }

    public static string Sha256(string text) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    public static object Passage(string document, string text, string words, int occurrence = 0)
    {
        var start = -1;
        for (var i = 0; i <= occurrence; i++)
        {
            start = text.IndexOf(words, start + 1, StringComparison.Ordinal);
        }

        Assert.True(start >= 0, $"'{words}' is not in the text");
        return new { document, start, end = start + words.Length };
    }

    public static string Json(object value) => JsonSerializer.Serialize(value, ApiHost.Json);
}
