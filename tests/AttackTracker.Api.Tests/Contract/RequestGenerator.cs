using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace AttackTracker.Api.Tests.Contract;

/// <summary>One generated request: how to send it and how to show it when it fails.</summary>
public sealed record GeneratedRequest(HttpMethod Method, string Url, IReadOnlyDictionary<string, string> Headers, byte[]? Body, string? ContentType)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, Url);
        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        return message;
    }

    public override string ToString() =>
        $"{Method} {Url} {string.Join(' ', Headers.Select(h => $"[{h.Key}: {h.Value}]"))} {(Body is null ? string.Empty : Encoding.UTF8.GetString(Body[..Math.Min(Body.Length, 2000)]))}";
}

/// <summary>
/// Builds requests for an operation from its description in the published document: valid values
/// drawn from each schema (types, enums, patterns, bounds, required fields), mixed with hostile
/// ones (out of range, far past and far future, other time zones, wrong types, missing or unknown
/// fields, broken JSON). Everything is drawn from one seeded <see cref="Random"/>, so a seed names a request.
/// </summary>
public sealed class RequestGenerator(JsonObject document, IReadOnlyDictionary<string, string[]> knownIds, string editorKey)
{
    private const string TimePattern = @"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$";

    private static readonly string[] Times =
    [
        "2018", "2018-03", "2018-03-23", "2018-03-23T10:00", "2018-03-23T10:00Z", "2018-03-23T10:00:30.5+01:00",
        "2018-03-24T23:59:59.9999999-14:00", "2018-03-22T00:00+14:00", "1800-01-01", "1970-01-01T00:00Z", "9999", "9999-12",
        "9999-12-31", "9999-12-31T23:59:59.9999999+14:00", "0001-01-01T00:00-14:00", "2026-12-01T12:00:00-05:00",
    ];

    private static readonly string[] HostileText =
    [
        string.Empty, " ", "-1", "0", "1e309", "NaN", "Infinity", "9223372036854775808", "-9223372036854775809", "99999999999999999999",
        "10000-01-01", "0000-01-01", "2018-02-30", "2018-13-01", "2018-03-23T24:00Z", "2018-03-23T10:00+99:00", "2018-03-23T10:00+14:01",
        "+1", "0x10", "1.5", "-0", " 1", "١٢", "２０１８", "\u0000", "\u202e", "🙂🙂", "%", "null", "true", "[]", "{}", "a,b",
        new string('x', 301), new string('9', 400), "ab\ncd", "FR ", "fr", "ZZ", "<script>",
    ];

    private readonly string[] _countries = ["FR", "DE", "RU", "US", "GB"];

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
            var schema = Resolve(parameter["schema"]);
            switch ((string?)parameter["in"])
            {
                case "path":
                    url.Replace("{" + name + "}", Uri.EscapeDataString(PathValue(name, schema, random)));
                    break;
                case "query" when random.NextDouble() < 0.6:
                    query.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(random.NextDouble() < 0.7 ? Text(schema, random) : Pick(HostileText, random))}");
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

        var value = Value(schema, random, 0);
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

    private JsonNode? Value(JsonNode? schema, Random random, int depth)
    {
        var resolved = Resolve(schema);
        if (resolved is null || depth > 6)
        {
            return null;
        }

        if (resolved["enum"] is JsonArray values)
        {
            return values[random.Next(values.Count)]?.DeepClone();
        }

        // A polymorphic base: pick a kind from the discriminator's mapping and build that schema.
        if (resolved["discriminator"] is { } discriminator && discriminator["mapping"] is JsonObject mapping && mapping.Count > 0)
        {
            var (kind, target) = Pick(mapping.ToList(), random);
            var built = Value(new JsonObject { ["$ref"] = target!.DeepClone() }, random, depth) as JsonObject ?? [];
            built[(string)discriminator["propertyName"]!] = kind;
            return built;
        }

        // allOf [base, own]: the union of the parts' properties (the base's discriminator is set by the caller).
        if (resolved["allOf"] is JsonArray parts)
        {
            var merged = new JsonObject();
            foreach (var part in parts.Select(Resolve).Where(p => p?["discriminator"] is null))
            {
                foreach (var (name, value) in Value(part, random, depth) as JsonObject ?? [])
                {
                    merged[name] = value?.DeepClone();
                }
            }

            return merged;
        }

        if ((resolved["anyOf"] ?? resolved["oneOf"]) is JsonArray branches)
        {
            var concrete = branches.Where(b => (string?)Resolve(b)?["type"] != "null").ToList();
            return Value(concrete.Count > 0 && random.NextDouble() < 0.95 ? Pick(concrete, random) : branches[random.Next(branches.Count)], random, depth);
        }

        var types = resolved["type"] switch
        {
            JsonArray list => list.Select(t => (string)t!).ToList(),
            JsonValue single => [(string)single!],
            _ => resolved["properties"] is not null ? ["object"] : ["string"],
        };
        if (types.All(t => t == "null") || (types.Contains("null") && random.NextDouble() < 0.05))
        {
            return null;
        }

        switch (types.First(t => t != "null"))
        {
            case "object":
                var result = new JsonObject();
                var required = resolved["required"]?.AsArray().Select(r => (string)r!).ToHashSet() ?? [];
                foreach (var (name, property) in resolved["properties"]?.AsObject() ?? [])
                {
                    if (required.Contains(name) || random.NextDouble() < 0.5)
                    {
                        result[name] = Value(property, random, depth + 1);
                    }
                }

                return result;
            case "array":
                var min = (int?)resolved["minItems"] ?? 0;
                var max = Math.Min((int?)resolved["maxItems"] ?? 3, Math.Max(min, 3));
                var array = new JsonArray();
                for (var i = random.Next(min, max + 1); i > 0; i--)
                {
                    array.Add(Value(resolved["items"], random, depth + 1));
                }

                return array;
            case "integer":
                return JsonValue.Create(Whole(resolved, random));
            case "number":
                var low = Number(resolved["minimum"], -1000);
                var high = Number(resolved["maximum"], 1000);
                return JsonValue.Create(Math.Round(low + (random.NextDouble() * (high - low)), 4));
            case "boolean":
                return JsonValue.Create(random.NextDouble() < 0.5);
            default:
                return JsonValue.Create(Text(resolved, random));
        }
    }

    private string Text(JsonNode? schema, Random random)
    {
        var pattern = (string?)schema?["pattern"];
        var format = (string?)schema?["format"];
        var type = schema?["type"]?.ToString() ?? "string";
        if (schema?["enum"] is JsonArray values)
        {
            return values[random.Next(values.Count)]!.ToString();
        }

        if (type.Contains("integer", StringComparison.Ordinal))
        {
            return Whole(schema!, random).ToString(CultureInfo.InvariantCulture);
        }

        if (pattern == TimePattern)
        {
            return Pick(Times, random);
        }

        if (pattern == "^[A-Z]{2}$")
        {
            return Pick(_countries, random);
        }

        return format switch
        {
            "uri" => Pick(["https://example.org/report", "http://news.example/a?b=c", "ftp://nope", "not a url"], random),
            "uuid" => Guid.NewGuid().ToString(),
            "date" => new DateOnly(random.Next(1800, 2100), random.Next(1, 13), random.Next(1, 29)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "date-time" => Pick(Times, random),
            _ when pattern is not null => "X",
            _ => Words(random, Math.Max(1, (int?)schema?["minLength"] ?? 1), Math.Min((int?)schema?["maxLength"] ?? 40, 40)),
        };
    }

    private static long Whole(JsonNode schema, Random random)
    {
        var min = (long)Number(schema["minimum"], 0);
        var max = (long)Math.Min(Number(schema["maximum"], min + 1000), min + 1000);
        return random.NextDouble() < 0.2 ? (long)Number(schema["maximum"], max) : random.NextInt64(min, max + 1);
    }

    private static double Number(JsonNode? bound, double otherwise) =>
        bound is null ? otherwise : double.Parse(bound.ToString(), CultureInfo.InvariantCulture);

    private static string Words(Random random, int min, int max)
    {
        string[] words = ["Trèbes", "attack", "Carcassonne", "officer", "wounded", "İstanbul", "Москва", "東京", "«quoted»", "it's", "A&B"];
        var text = new StringBuilder();
        while (text.Length < min || (text.Length < max && random.NextDouble() < 0.6))
        {
            text.Append(text.Length == 0 ? string.Empty : " ").Append(Pick(words, random));
        }

        return text.Length > max ? text.ToString(0, max).TrimEnd() is { Length: > 0 } cut ? cut : "x" : text.ToString();
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

    private JsonNode? Resolve(JsonNode? schema)
    {
        for (var i = 0; i < 10 && schema?["$ref"] is JsonValue reference; i++)
        {
            var name = ((string)reference!).Split('/')[^1];
            schema = document["components"]!["schemas"]![name];
        }

        return schema;
    }

    private static T Pick<T>(IReadOnlyList<T> items, Random random) => items[random.Next(items.Count)];
}
