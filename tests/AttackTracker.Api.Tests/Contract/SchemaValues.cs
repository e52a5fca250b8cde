using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace AttackTracker.Api.Tests.Contract;

/// <summary>
/// Values drawn from a schema of the published document: its types, enums, patterns and bounds, with
/// references resolved. Every draw comes from the caller's seeded <see cref="Random"/>.
/// </summary>
public sealed class SchemaValues(JsonObject document)
{
    private const string TimePattern = @"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$";

    private static readonly string[] Times =
    [
        "2018", "2018-03", "2018-03-23", "2018-03-23T10:00", "2018-03-23T10:00Z", "2018-03-23T10:00:30.5+01:00",
        "2018-03-24T23:59:59.9999999-14:00", "2018-03-22T00:00+14:00", "1800-01-01", "1970-01-01T00:00Z", "9999", "9999-12",
        "9999-12-31", "9999-12-31T23:59:59.9999999+14:00", "0001-01-01T00:00-14:00", "2026-12-01T12:00:00-05:00",
    ];

    private readonly string[] _countries = ["FR", "DE", "RU", "US", "GB"];

    public JsonNode? Value(JsonNode? schema, Random random, int depth)
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

    public string Text(JsonNode? schema, Random random)
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

    public JsonNode? Resolve(JsonNode? schema)
    {
        for (var i = 0; i < 10 && schema?["$ref"] is JsonValue reference; i++)
        {
            var name = ((string)reference!).Split('/')[^1];
            schema = document["components"]!["schemas"]![name];
        }

        return schema;
    }

    public static T Pick<T>(IReadOnlyList<T> items, Random random) => items[random.Next(items.Count)];
}
