using System.Text.Json;
using System.Text.Json.Serialization;

namespace AttackTracker.Domain;

/// <summary>The one JSON shape for stored events and API bodies: camelCase, kebab-case enums (exactly one name each).</summary>
public static class IncidentJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Add(new SingleNameEnumConverterFactory(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)));
        // The strict encoder escapes < > & ' as \u003C…, so markup in the record can never be read as markup.
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.NumberHandling = JsonNumberHandling.Strict;
        // jsonb stores keys in its own order (shorter first), so a fact's "type" need not come first.
        options.AllowOutOfOrderMetadataProperties = true;
        return options;
    }
}
