using System.Text.Json;
using System.Text.Json.Serialization;

namespace AttackTracker.Domain.Casualties;

public enum CountKind
{
    Exact,
    AtLeast,
    AtMost,
    Range,
}

/// <summary>
/// A count as one report gave it: exactly n, at least n, at most n, or between min and max.
/// In JSON: <c>4</c>, <c>{"atLeast":3}</c>, <c>{"atMost":3}</c> or <c>{"min":15,"max":16}</c>.
/// </summary>
[JsonConverter(typeof(ReportedCountJsonConverter))]
public sealed record ReportedCount(CountKind Kind, int Value, int? Max = null)
{
    public static ReportedCount Exact(int n) => new(CountKind.Exact, n);

    public static ReportedCount AtLeast(int n) => new(CountKind.AtLeast, n);

    public static ReportedCount AtMost(int n) => new(CountKind.AtMost, n);

    public static ReportedCount Between(int min, int max) => new(CountKind.Range, min, max);

    /// <summary>The smallest value the report allows.</summary>
    public int Low => Kind == CountKind.AtMost ? 0 : Value;

    /// <summary>The largest value the report allows; null when unbounded ("at least").</summary>
    public int? High => Kind switch
    {
        CountKind.Exact => Value,
        CountKind.AtLeast => null,
        CountKind.AtMost => Value,
        _ => Max,
    };

    /// <summary>The number the report states: n, or the lower end of a range.</summary>
    public int Figure => Value;

    public override string ToString() => Kind switch
    {
        CountKind.Exact => $"{Value}",
        CountKind.AtLeast => $"at least {Value}",
        CountKind.AtMost => $"at most {Value}",
        _ => $"{Value}–{Max}",
    };
}

internal sealed class ReportedCountJsonConverter : JsonConverter<ReportedCount>
{
    public override ReportedCount Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return ReportedCount.Exact(reader.GetInt32());
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A count is a number, {\"atLeast\": n}, {\"atMost\": n} or {\"min\": a, \"max\": b}.");
        }

        int? atLeast = null, atMost = null, min = null, max = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            if (!seen.Add(name))
            {
                throw new JsonException($"'{name}' appears twice in the count.");
            }

            reader.Read();
            if (reader.TokenType != JsonTokenType.Number)
            {
                throw new JsonException($"'{name}' must be a whole number.");
            }

            var value = reader.GetInt32();
            switch (name)
            {
                case "atLeast": atLeast = value; break;
                case "atMost": atMost = value; break;
                case "min": min = value; break;
                case "max": max = value; break;
                default: throw new JsonException($"'{name}' is not part of a count; use atLeast, atMost, or min and max.");
            }
        }

        return (atLeast, atMost, min, max) switch
        {
            ({ } n, null, null, null) => ReportedCount.AtLeast(n),
            (null, { } n, null, null) => ReportedCount.AtMost(n),
            (null, null, { } a, { } b) => ReportedCount.Between(a, b),
            _ => throw new JsonException("A count object has exactly one of: atLeast, atMost, or both min and max."),
        };
    }

    public override void Write(Utf8JsonWriter writer, ReportedCount value, JsonSerializerOptions options)
    {
        switch (value.Kind)
        {
            case CountKind.Exact:
                writer.WriteNumberValue(value.Value);
                return;
            case CountKind.AtLeast:
                writer.WriteStartObject();
                writer.WriteNumber("atLeast", value.Value);
                break;
            case CountKind.AtMost:
                writer.WriteStartObject();
                writer.WriteNumber("atMost", value.Value);
                break;
            default:
                writer.WriteStartObject();
                writer.WriteNumber("min", value.Value);
                writer.WriteNumber("max", value.Max!.Value);
                break;
        }

        writer.WriteEndObject();
    }
}
