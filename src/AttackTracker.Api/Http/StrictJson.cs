using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using AttackTracker.Domain;

namespace AttackTracker.Api.Http;

/// <summary>A request body read and deserialized, or the problem that stops it.</summary>
public sealed record BodyResult<T>(T? Value, byte[] Raw, IResult? Problem);

/// <summary>
/// Request bodies are read strictly, so that every rejection names the field at fault: unknown
/// fields, nulls for required values, duplicate keys, comments and trailing commas are errors.
/// </summary>
public static partial class StrictJson
{
    public const long BodyLimit = 256 * 1024;

    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = IncidentJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectNullableAnnotations = true;
        options.AllowDuplicateProperties = false;
        options.AllowOutOfOrderMetadataProperties = true;
        options.MaxDepth = 16;
        options.AllowTrailingCommas = false;
        options.ReadCommentHandling = JsonCommentHandling.Disallow;
        return options;
    }

    /// <summary>
    /// application/json exactly, with no charset or UTF-8: the media type is parsed, not matched as a
    /// prefix, so application/jsonx or application/json-seq are not taken for it.
    /// </summary>
    public static bool IsJson(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        && (media.Charset.Length == 0 || Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(media.Charset).Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Reads the body (already in memory, see <see cref="RequestBuffering"/>) with the strict
    /// serializer. The raw bytes are kept for the idempotency fingerprint.
    /// </summary>
    public static BodyResult<T> Read<T>(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsJson(request.ContentType))
        {
            return new(default, [], TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "The body must be JSON.",
                detail: "Send Content-Type: application/json.",
                type: "https://attacktracker.dev/problems/unsupported-media-type"));
        }

        var buffered = RequestBuffering.Body(request.HttpContext);
        if (buffered.TooLarge)
        {
            return new(default, [], Problems.TooLarge(BodyLimit));
        }

        var raw = buffered.Bytes;
        if (raw.Length == 0)
        {
            return new(default, raw, Problems.Field("body", "is empty; send a JSON object."));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(raw, Options);
            return value is null
                ? new(default, raw, Problems.Field("body", "must be a JSON object, not null."))
                : new(value, raw, null);
        }
        catch (JsonException ex)
        {
            return new(default, raw, Problems.Field(Problems.FieldPath(ex.Path), Explain(ex)));
        }
        catch (NotSupportedException ex) when (MissingDiscriminator().Match(ex.Message) is { Success: true } missing)
        {
            return new(default, raw, Problems.Field(
                Problems.FieldPath(missing.Groups[1].Value),
                "must have a 'type': casualties, perpetrator, claim, attackType, weapon, target, location, timeline, person, demand or note."));
        }
    }

    private static string Explain(JsonException ex)
    {
        var message = ex.InnerException?.Message ?? ex.Message;
        if (UnknownMember().Match(message) is { Success: true } unknown)
        {
            return $"'{unknown.Groups[1].Value}' is not a known field.";
        }

        if (MissingRequired().Match(message) is { Success: true } missing)
        {
            return $"is missing required fields: {missing.Groups[1].Value.Replace("'", string.Empty, StringComparison.Ordinal).TrimEnd('.')}.";
        }

        if (message.Contains("type discriminator", StringComparison.OrdinalIgnoreCase))
        {
            return "'type' must be one of: casualties, perpetrator, claim, attackType, weapon, target, location, timeline, person, demand, note.";
        }

        if (message.Contains("duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return "appears twice in the same object.";
        }

        if (message.Contains("null", StringComparison.OrdinalIgnoreCase) && message.Contains("nullable", StringComparison.OrdinalIgnoreCase))
        {
            return "must not be null.";
        }

        if (message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase))
        {
            return "is nested too deeply.";
        }

        // Messages from our own converters are written for clients; the framework's name .NET types.
        return ex.InnerException is null && !message.Contains("System.", StringComparison.Ordinal) && !message.Contains("AttackTracker.", StringComparison.Ordinal)
            && !message.Contains("LineNumber", StringComparison.Ordinal)
            ? message
            : "has a value of the wrong type or form, or the JSON is malformed here.";
    }

    // A fact without "type" is read as the abstract Fact, which the serializer refuses with a
    // NotSupportedException naming the path (not a JsonException).
    [GeneratedRegex(@"Path: (\$[^\s|]*?)\.?( \||$)")]
    private static partial Regex MissingDiscriminator();

    [GeneratedRegex("The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnknownMember();

    [GeneratedRegex("missing required properties including: (.*)\\.?$")]
    private static partial Regex MissingRequired();
}
