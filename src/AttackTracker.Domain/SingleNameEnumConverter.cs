using System.Text.Json;
using System.Text.Json.Serialization;

namespace AttackTracker.Domain;

/// <summary>
/// JsonStringEnumConverter also reads "a, b" as a bitwise OR and trims spaces; for these
/// non-flags enums an OR is another member or none at all, so only one exact name is read.
/// </summary>
internal sealed class SingleNameEnumConverterFactory(JsonStringEnumConverter inner) : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => inner.CanConvert(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(SingleNameEnumConverter<>).MakeGenericType(typeToConvert), inner.CreateConverter(typeToConvert, options))!;
}

internal sealed class SingleNameEnumConverter<T>(JsonConverter<T> inner) : JsonConverter<T>
    where T : struct, Enum
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && reader.GetString() is { } text && (text.Contains(',', StringComparison.Ordinal) || text.Trim().Length != text.Length))
        {
            throw new JsonException("must be exactly one of the allowed values.");
        }

        var value = inner.Read(ref reader, typeToConvert, options);
        return Enum.IsDefined(value) ? value : throw new JsonException("must be exactly one of the allowed values.");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => inner.Write(writer, value, options);
}
