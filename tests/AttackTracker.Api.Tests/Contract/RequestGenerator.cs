using System.Text;
using System.Text.Json.Nodes;
using static AttackTracker.Api.Tests.Contract.SchemaValues;

namespace AttackTracker.Api.Tests.Contract;

/// <summary>
/// Builds requests for an operation from its description in the published document: valid values
/// drawn from each schema (types, enums, patterns, bounds, required fields), mixed with hostile
/// ones (out of range, far past and far future, other time zones, wrong types, missing or unknown
/// fields, broken JSON). Everything is drawn from one seeded <see cref="Random"/>, so a seed names a request.
/// </summary>
public sealed class RequestGenerator(JsonObject document, IReadOnlyDictionary<string, string[]> knownIds, string editorKey)
{
    private static readonly string[] HostileText =
    [
        string.Empty, " ", "-1", "0", "1e309", "NaN", "Infinity", "9223372036854775808", "-9223372036854775809", "99999999999999999999",
        "10000-01-01", "0000-01-01", "2018-02-30", "2018-13-01", "2018-03-23T24:00Z", "2018-03-23T10:00+99:00", "2018-03-23T10:00+14:01",
        "+1", "0x10", "1.5", "-0", " 1", "١٢", "２０１８", "\u0000", "\u202e", "🙂🙂", "%", "null", "true", "[]", "{}", "a,b",
        new string('x', 301), new string('9', 400), "ab\ncd", "FR ", "fr", "ZZ", "<script>",
    ];

    private readonly SchemaValues _values = new(document);

    /// <summary>A request to <paramref name="method"/> <paramref name="path"/>, drawn from <paramref name="seed"/>.</summary>
    public GeneratedRequest Build(string method, string path, int seed)
    {
        var random = new Random(seed);
        var operation = document["paths"]![path]![method]!.AsObject();
        var url = new StringBuilder(path);
        var query = new List<string>();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
        {
            var name = (string)parameter!["name"]!;
            var schema = _values.Resolve(parameter["schema"]);
            switch ((string?)parameter["in"])
            {
                case "path":
                    url.Replace("{" + name + "}", Uri.EscapeDataString(PathValue(name, schema, random)));
                    break;
                case "query" when random.NextDouble() < 0.6:
                    query.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(random.NextDouble() < 0.7 ? _values.Text(schema, random) : Pick(HostileText, random))}");
                    break;
                case "header" when random.NextDouble() < 0.4:
                    headers[name] = HeaderValue(name, random);
                    break;
            }
        }

        var auth = random.NextDouble();
        if (auth < 0.9)
        {
            headers["X-Api-Key"] = editorKey;
        }
        else if (auth < 0.95)
        {
            headers["X-Api-Key"] = "atk_" + random.Next();
        }

        byte[]? body = null;
        string? contentType = null;
        if (operation["requestBody"]?["content"]?["application/json"]?["schema"] is { } bodySchema)
        {
            (body, contentType) = Body(bodySchema, random);
        }
        else if (method == "post" && random.NextDouble() < 0.2)
        {
            (body, contentType) = (Encoding.UTF8.GetBytes("{}"), "application/json");
        }

        var target = url + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty);
        return new GeneratedRequest(new HttpMethod(method.ToUpperInvariant()), target, headers, body, contentType);
    }

    private (byte[] Body, string? ContentType) Body(JsonNode schema, Random random)
    {
        var roll = random.NextDouble();
        if (roll < 0.05)
        {
            return (Pick(["{", "[]", "null", "\"text\"", "1", "{\"a\":1,\"a\":2}", "{\"title\":\"\\ud800\"}"], random) is var text ? Encoding.UTF8.GetBytes(text) : [], "application/json");
        }

        if (roll < 0.08)
        {
            return ([0xff, 0xfe, 0x00], "application/json");
        }

        if (roll < 0.1)
        {
            return (Encoding.UTF8.GetBytes("{}"), Pick(["text/plain", "application/xml", null!], random));
        }

        var value = _values.Value(schema, random, 0);
        if (random.NextDouble() < 0.35 && value is JsonObject target)
        {
            Mutate(target, random);
        }

        return (Encoding.UTF8.GetBytes(value?.ToJsonString() ?? "null"), Pick(["application/json", "application/json; charset=utf-8"], random));
    }

    /// <summary>Breaks one thing: a required field goes, an unknown one comes, a value turns into the wrong type or size.</summary>
    private static void Mutate(JsonObject target, Random random)
    {
        var keys = target.Select(p => p.Key).ToList();
        switch (random.Next(5))
        {
            case 0 when keys.Count > 0:
                target.Remove(Pick(keys, random));
                break;
            case 1:
                target["unexpected" + random.Next(10)] = 1;
                break;
            case 2 when keys.Count > 0:
                target[Pick(keys, random)] = Pick<JsonNode?>([JsonValue.Create(1e308), JsonValue.Create(-1), JsonValue.Create("x"), new JsonArray(), new JsonObject(), null, JsonValue.Create(true), JsonValue.Create(long.MaxValue)], random)?.DeepClone();
                break;
            case 3 when keys.Count > 0:
                target[Pick(keys, random)] = new string('é', 5000);
                break;
            default:
                JsonNode deep = new JsonArray();
                for (var i = 0; i < 40; i++)
                {
                    deep = new JsonArray(deep);
                }

                target["facts"] = deep;
                break;
        }
    }

    private string PathValue(string name, JsonNode? schema, Random random)
    {
        var roll = random.NextDouble();
        if (schema?["enum"] is JsonArray values && roll < 0.85)
        {
            return values[random.Next(values.Count)]!.ToString();
        }

        if (knownIds.TryGetValue(name, out var ids) && roll < 0.75)
        {
            return Pick(ids, random);
        }

        return roll < 0.9 ? Guid.NewGuid().ToString() : Pick(["0", "not-a-guid", "00000000-0000-0000-0000-000000000000", "%00", new string('f', 300), "killed "], random);
    }

    private static string HeaderValue(string name, Random random) => name switch
    {
        "If-Match" => Pick(["\"1\"", "*", "W/\"2\"", "\"999999999999999999999\"", "garbage", "\"1\", \"2\"", "\"-1\""], random),
        "If-None-Match" => Pick(["\"1\"", "*", "W/\"3\"", "\"1\", \"2\"", "x"], random),
        "Idempotency-Key" => Pick([Guid.NewGuid().ToString(), "key", new string('k', 201), "ключ", " "], random),
        _ => Pick(["fuzz-" + random.Next(), new string('c', 101), "with space", "ü"], random),
    };

}
