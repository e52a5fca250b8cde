using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;

namespace AttackTracker.Api.Identity;

/// <summary>An incident of a candidate pair, as the review list names it.</summary>
public sealed record CandidateIncident(Guid Id, string? Title, DateOnly? OccurredOn, string? Country, string? Place);

/// <summary>Two incidents that are likely the same attack: <see cref="Later"/> occurred on or after <see cref="Earlier"/>.</summary>
public sealed record CandidatePair(CandidateIncident Later, CandidateIncident Earlier, double Score, IReadOnlyList<CandidateSignal> Signals);

/// <summary>A page of the store-wide review list, and the cursor of the next page (absent at the end).</summary>
public sealed record CandidatePairPage(IReadOnlyList<CandidatePair> Items, int PageSize, string? Next);

/// <summary>
/// Where a page of the review list starts: just after the pair of these two incidents, in the
/// list's order. Opaque to clients: base64url of a small JSON array, as the incident list's cursor.
/// </summary>
public sealed record CandidateCursor(DateOnly OccurredOn, Guid Id, DateOnly OtherOccurredOn, Guid OtherId)
{
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new[]
    {
        Day(OccurredOn), Id.ToString("N"), Day(OtherOccurredOn), OtherId.ToString("N"),
    }));

    /// <summary>The cursor a client sent back; null when it is not one of ours.</summary>
    public static CandidateCursor? Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            var parts = text.Length > 200 ? null : JsonSerializer.Deserialize<string[]>(Base64Url.DecodeFromChars(text));
            return parts is [var day, var id, var otherDay, var otherId]
                && DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var occurredOn)
                && Guid.TryParseExact(id, "N", out var guid)
                && DateOnly.TryParseExact(otherDay, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var otherOccurredOn)
                && Guid.TryParseExact(otherId, "N", out var otherGuid)
                ? new CandidateCursor(occurredOn, guid, otherOccurredOn, otherGuid)
                : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
