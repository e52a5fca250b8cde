using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AttackTracker.Api.Incidents;
using AttackTracker.Api.Store;
using Marten;

namespace AttackTracker.Api.Exchange;

public sealed record RestoreResult(long Events, int Streams, int ViewsCompared, int ChainsVerified);

/// <summary>An archive line that cannot be restored, with its 1-based line number (0: the archive as a whole).</summary>
public sealed class ArchiveException(long line, string message) : Exception($"line {line}: {message}")
{
    public long Line { get; } = line;
}

/// <summary>
/// One event line, checked. What the hash chain covers is taken from the line (and the database
/// recomputes its link); what it does not cover is derived, never read: the stream's type from the
/// stream's first event, the event's id from its link, the CLR type from the stored type name, the
/// tenant (there is one), and the sequence number from the line's place in the archive.
/// </summary>
public sealed record ArchivedEvent(
    long Line, Guid Id, Guid StreamId, string StreamType, long Version, string Type, string DotnetType, string Data, string? Headers,
    string? UserName, string? CorrelationId, string? CausationId, DateTimeOffset RecordedAt, string Tx, string Hash);

/// <summary>The head of a stream as restored so far.</summary>
public readonly record struct StreamHead(long Version, string Hash, string Type);

/// <summary>The archive's line format (docs/export.md) and the rules that read an event line.</summary>
public static class ArchiveLines
{
    /// <summary>Marten's only tenant in a single-tenant store.</summary>
    public const string DefaultTenant = "*DEFAULT*";

    public static JsonSerializerOptions Json { get; } = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The type of stream each stream-starting event begins: stored names, like event types, never renamed.</summary>
    private static readonly Dictionary<string, string> StreamTypes = new(StringComparer.Ordinal)
    {
        ["incident_opened"] = IncidentReader.StreamType,
        ["source_registered"] = "source_view",
        ["document_stored"] = Documents.DocumentSummaryProjection.DocumentStreamType,
        ["group_identified"] = Groups.GroupWrites.StreamType,
        ["group_split_off"] = Groups.GroupWrites.StreamType,
    };

    /// <summary>Every stored event type name, with the CLR type name Marten stores beside it.</summary>
    private static readonly Dictionary<string, string> DotnetTypes = KnownEventTypes();

    public static string Digest(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);

    public static JsonObject Parse(string raw, long lineNumber)
    {
        try
        {
            return JsonNode.Parse(raw) as JsonObject ?? throw new ArchiveException(lineNumber, "is not a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new ArchiveException(lineNumber, $"is not JSON ({ex.Message}).");
        }
    }

    /// <summary>
    /// Reads an event line against the heads of the streams before it: it must follow its stream's
    /// last event and link to it, come after the line before it in sequence, and agree with what
    /// is derived (the stream's type, the one tenant); what the chain does not cover is derived.
    /// </summary>
    public static ArchivedEvent ReadEvent(JsonObject line, long lineNumber, IReadOnlyDictionary<Guid, StreamHead> heads, long previousSeq)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(heads);
        var stream = Uuid(line, "streamId", lineNumber);
        var version = (long?)line["version"] ?? throw new ArchiveException(lineNumber, "'version' is missing.");
        var type = Text(line, "type", lineNumber);
        var hash = Text(line, "hash", lineNumber);
        var previous = (string?)line["previous"];
        var seq = (long?)line["seq"] ?? throw new ArchiveException(lineNumber, "'seq' is missing.");
        if (seq <= previousSeq)
        {
            throw new ArchiveException(lineNumber, $"its sequence number {seq} does not follow the line before ({previousSeq}): the events are out of order.");
        }

        heads.TryGetValue(stream, out var head);
        if (version != head.Version + 1)
        {
            throw new ArchiveException(lineNumber, $"event {version} of stream {stream} follows version {head.Version}: an event is missing or out of order.");
        }

        if (previous != (head.Version == 0 ? null : head.Hash))
        {
            throw new ArchiveException(lineNumber, $"its link to the previous event of stream {stream} does not match that event's hash.");
        }

        if (!DotnetTypes.TryGetValue(type, out var dotnetType))
        {
            throw new ArchiveException(lineNumber, $"'{type}' is not an event type this service stores.");
        }

        var streamType = head.Version == 0
            ? StreamTypes.GetValueOrDefault(type) ?? throw new ArchiveException(lineNumber, $"stream {stream} starts with '{type}', which starts no stream.")
            : head.Type;
        if ((string?)line["streamType"] is { } claimed && claimed != streamType)
        {
            throw new ArchiveException(lineNumber, $"'streamType' says '{claimed}', but stream {stream} starts as '{streamType}' does: the line was changed.");
        }

        if ((string?)line["tenantId"] is { } tenant && tenant != DefaultTenant)
        {
            throw new ArchiveException(lineNumber, $"'tenantId' is '{tenant}'; this store has one tenant, {DefaultTenant}.");
        }

        return new ArchivedEvent(
            lineNumber, IdOf(hash, lineNumber), stream, streamType, version, type, dotnetType,
            line["data"]?.ToJsonString() ?? throw new ArchiveException(lineNumber, "'data' is missing."),
            line["headers"] is { } headers ? headers.ToJsonString() : null,
            (string?)line["userName"], (string?)line["correlationId"], (string?)line["causationId"],
            DateTimeOffset.Parse(Text(line, "recordedAt", lineNumber), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime(),
            Text(line, "tx", lineNumber), hash);
    }

    public static string Text(JsonObject line, string name, long lineNumber)
    {
        ArgumentNullException.ThrowIfNull(line);
        try
        {
            return (string?)line[name] ?? throw new ArchiveException(lineNumber, $"'{name}' is missing.");
        }
        catch (InvalidOperationException)
        {
            throw new ArchiveException(lineNumber, $"'{name}' must be text.");
        }
    }

    public static Guid Uuid(JsonObject line, string name, long lineNumber) =>
        Guid.TryParse(Text(line, name, lineNumber), out var id) ? id : throw new ArchiveException(lineNumber, $"'{name}' must be a UUID.");

    /// <summary>
    /// The event's id, from its link: the chain does not cover the id, so an archived one could be
    /// anything. A UUID (version 8) from the first 16 bytes of the link is unique and checkable.
    /// </summary>
    private static Guid IdOf(string hash, long lineNumber)
    {
        if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigitLower))
        {
            throw new ArchiveException(lineNumber, "'hash' must be 64 lowercase hexadecimal digits.");
        }

        var bytes = Convert.FromHexString(hash.AsSpan(0, 32));
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    private static Dictionary<string, string> KnownEventTypes()
    {
        var options = new StoreOptions();
        EventTypes.MapAll(options);
        return ((IReadOnlyStoreOptions)options).Events.AllKnownEventTypes().ToDictionary(
            e => e.EventTypeName, e => $"{e.EventType.FullName}, {e.EventType.Assembly.GetName().Name}", StringComparer.Ordinal);
    }
}
