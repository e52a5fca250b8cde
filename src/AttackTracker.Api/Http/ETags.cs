using System.Globalization;

namespace AttackTracker.Api.Http;

/// <summary>An incident's ETag is its stream version, quoted.</summary>
public static class ETags
{
    public static string For(long version) => string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");

    /// <summary>Whether If-None-Match names <paramref name="etag"/> (weakly compared, as RFC 9110 has it for GET) or is *.</summary>
    public static bool NoneMatch(HttpRequest request, string etag)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.IfNoneMatch.ToString().Split(',').Select(t => t.Trim()).Any(t => t == etag || t == "W/" + etag || t == "*");
    }

    /// <summary>
    /// A computed answer as JSON with a strong ETag from its bytes, or 304 when If-None-Match
    /// already names them: the answer is computed either way, but not sent again.
    /// </summary>
    public static IResult Json<T>(HttpContext http, T value) =>
        Bytes(http, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(value, AttackTracker.Domain.IncidentJson.Options), "application/json");

    /// <summary>A computed answer in any media type, with a strong ETag from its bytes, or 304 as <see cref="Json"/>.</summary>
    public static IResult Bytes(HttpContext http, byte[] bytes, string contentType)
    {
        ArgumentNullException.ThrowIfNull(http);
        var etag = $"\"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes).AsSpan(0, 12))}\"";
        http.Response.Headers.ETag = etag;
        return NoneMatch(http.Request, etag) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Bytes(bytes, contentType);
    }

    /// <summary>Reads If-Match: absent and * (any existing version) are null; "5", W/"5" and 5 are version 5; anything else is an error.</summary>
    public static bool TryReadIfMatch(HttpRequest request, out long? version)
    {
        ArgumentNullException.ThrowIfNull(request);
        version = null;
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return true;
        }

        var text = header.Trim();
        if (text == "*")
        {
            return true;
        }

        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        text = text.Trim('"');
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            version = parsed;
            return true;
        }

        return false;
    }
}
