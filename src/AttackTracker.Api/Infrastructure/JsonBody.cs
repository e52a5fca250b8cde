using System.Text.Json;
using System.Text.RegularExpressions;

namespace AttackTracker.Api.Infrastructure;

/// <summary>A request body read and deserialized, or the problem that stops it.</summary>
public sealed record BodyResult<T>(T? Value, byte[] Raw, IResult? Problem);

public static partial class JsonBody
{
    public const long DefaultLimit = 256 * 1024;

    /// <summary>
    /// Reads the body with a size limit and the strict serializer, so that every rejection names
    /// the field at fault. The raw bytes are kept for the idempotency fingerprint.
    /// </summary>
    public static async Task<BodyResult<T>> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken, long limit = DefaultLimit)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > limit)
        {
            return new(default, [], Problems.TooLarge(limit));
        }

        if (request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return new(default, [], TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "The body must be JSON.",
                detail: "Send Content-Type: application/json.",
                type: "https://attacktracker.dev/problems/unsupported-media-type"));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return new(default, [], Problems.TooLarge(limit));
            }

            buffer.Write(chunk, 0, read);
        }

        var raw = buffer.ToArray();
        if (raw.Length == 0)
        {
            return new(default, raw, Problems.Field("body", "is empty; send a JSON object."));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(raw, ApiJson.Strict);
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
