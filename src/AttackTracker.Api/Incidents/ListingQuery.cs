using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AttackTracker.Api.Store;
using AttackTracker.Domain;
using Npgsql;
using NpgsqlTypes;

namespace AttackTracker.Api.Incidents;

/// <summary>The orders the lists offer: newest first, or most killed first (the unreported last), then newest.</summary>
public enum ListingSort
{
    Date,
    Toll,
}

/// <summary>Which incidents a list holds: in a country, occurred in [From, To], whose search text contains <see cref="Text"/> (already folded as sources are).</summary>
public sealed record ListingFilter(string? Country, DateOnly? From, DateOnly? To, string? Text, NearCircle? Near = null);

/// <summary>
/// Where a page of a list starts: just after (or, going back, just before) an incident, by the
/// values it is ordered on. Opaque to clients: base64url of a small JSON object.
/// </summary>
public sealed record ListingCursor(ListingSort Sort, bool Backward, DateOnly OccurredOn, int Toll, Guid Id)
{
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new[]
    {
        Sort == ListingSort.Toll ? "t" : "d", Backward ? "b" : "f", OccurredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Toll.ToString(CultureInfo.InvariantCulture), Id.ToString("N"),
    }));

    /// <summary>The cursor a client sent back; null when it is not one of ours or belongs to another order.</summary>
    public static ListingCursor? Decode(string text, ListingSort sort)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            var parts = text.Length > 200 ? null : JsonSerializer.Deserialize<string[]>(Base64Url.DecodeFromChars(text));
            if (parts is not [var order, var direction, var date, var toll, var id]
                || order != (sort == ListingSort.Toll ? "t" : "d") || direction is not ("f" or "b")
                || !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var occurredOn)
                || !int.TryParse(toll, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var killed)
                || !Guid.TryParseExact(id, "N", out var guid))
            {
                return null;
            }

            return new ListingCursor(sort, direction == "b", occurredOn, killed, guid);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }
}

/// <summary>A page of listings and the cursors of the pages on either side (null at an end).</summary>
public sealed record ListingPage(IReadOnlyList<IncidentListing> Items, string? Next, string? Previous);

/// <summary>
/// The incident list at size (Sql/0011): filters on indexed columns, the search through a trigram
/// index on the listing's folded search text, and pages by keyset in the order asked, so a page
/// deep in the list costs what the first does. The count stops at <see cref="CountLimit"/>: past
/// it, how many more there are costs a read of them all, and a list says "more than" instead.
/// </summary>
public sealed class ListingQuery(ReadSessions reads, StoreSettings settings)
{
    public const int CountLimit = 1_000;

    private readonly string _table = $"\"{settings.Schema}\".mt_doc_incidentlisting";

    public async Task<ListingPage> PageAsync(ListingFilter filter, ListingSort sort, ListingCursor? cursor, int size, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var toll = "coalesce((d.data ->> 'killedBest')::int, -1)";
        var key = sort == ListingSort.Toll ? $"({toll}, d.occurred_on, d.id)" : "(d.occurred_on, d.id)";
        var backward = cursor?.Backward == true;
        var direction = backward ? "ASC" : "DESC";
        var order = sort == ListingSort.Toll ? $"{toll} {direction}, d.occurred_on {direction}, d.id {direction}" : $"d.occurred_on {direction}, d.id {direction}";
        var after = cursor is null ? "true" : sort == ListingSort.Toll ? $"{key} {(backward ? ">" : "<")} ($14, $15, $16)" : $"{key} {(backward ? ">" : "<")} ($15, $16)";
        await using var command = reads.CreateCommand($"""
            SELECT d.data FROM {_table} d
            WHERE {Where(filter)} AND {after}
            ORDER BY {order}
            LIMIT $13
            """);
        Bind(command, filter);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = size + 1 });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = cursor?.Toll ?? 0 });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = cursor?.OccurredOn ?? default });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = cursor?.Id ?? Guid.Empty });
        var items = new List<IncidentListing>(size + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(JsonSerializer.Deserialize<IncidentListing>(reader.GetString(0), IncidentJson.Options)!);
            }
        }

        var more = items.Count > size;
        if (more)
        {
            items.RemoveAt(items.Count - 1);
        }

        if (backward)
        {
            items.Reverse();
        }

        string? Cursor(IncidentListing at, bool back) => new ListingCursor(sort, back, at.OccurredOn ?? default, at.KilledBest ?? -1, at.Id).Encode();
        var next = items.Count > 0 && (backward || more) ? Cursor(items[^1], back: false) : null;
        var previous = items.Count > 0 && (cursor is not null && (!backward || more)) ? Cursor(items[0], back: true) : null;
        return new ListingPage(items, next, previous);
    }

    /// <summary>How many incidents pass the filter, up to <see cref="CountLimit"/>; past it, <c>More</c>.</summary>
    public async Task<(long Count, bool More)> CountAsync(ListingFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var command = reads.CreateCommand($"""
            SELECT count(*) FROM (SELECT 1 FROM {_table} d WHERE {Where(filter)} LIMIT {CountLimit + 1}) x
            """);
        Bind(command, filter);
        var count = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return count > CountLimit ? (CountLimit, true) : (count, false);
    }

    /// <summary>The countries the listings name, in code order (for a filter's choices).</summary>
    public async Task<IReadOnlyList<string>> CountriesAsync(CancellationToken cancellationToken)
    {
        // A loose index scan: one probe of the country index per country, not a read of every listing.
        await using var command = reads.CreateCommand($"""
            WITH RECURSIVE c AS (
              (SELECT country FROM {_table} WHERE country IS NOT NULL ORDER BY country LIMIT 1)
              UNION ALL
              SELECT (SELECT country FROM {_table} WHERE country > c.country ORDER BY country LIMIT 1) FROM c WHERE c.country IS NOT NULL
            )
            SELECT country FROM c WHERE country IS NOT NULL
            """);
        var countries = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            countries.Add(reader.GetString(0));
        }

        return [.. countries.Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// $1 country, $2 from, $3 to, $4 the search's LIKE pattern, $5–$12 the circle (<see cref="NearQuery.Sql"/>);
    /// an incident merged into another is not listed (docs/identity.md). Only the filters asked for, so that a prepared statement's generic plan can still use the
    /// index each one has (a country's, the dates', the search's trigrams): written as
    /// <c>$1 IS NULL OR …</c>, every filter became a test of each row in date order, and a search
    /// read the listing's JSON row after row until it had its page and its count.
    /// </summary>
    private static string Where(ListingFilter filter)
    {
        var parts = new List<string>(6) { "(d.data ->> 'mergedInto') IS NULL" };
        if (filter.Country is not null)
        {
            parts.Add("d.country = $1");
        }

        if (filter.From is not null)
        {
            parts.Add("d.occurred_on >= $2");
        }

        if (filter.To is not null)
        {
            parts.Add("d.occurred_on <= $3");
        }

        if (filter.Text is not null)
        {
            parts.Add("(d.data ->> 'searchText') LIKE $4");
        }

        if (filter.Near is not null)
        {
            parts.Add(NearQuery.Sql);
        }

        return string.Join(" AND ", parts);
    }

    private static void Bind(NpgsqlCommand command, ListingFilter filter)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Country ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = filter.From is { } from ? from : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = filter.To is { } to ? to : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = filter.Text is { } text ? Contains(text) : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        NearQuery.Bind(command, filter.Near);
    }

    /// <summary>A LIKE pattern for text anywhere, the pattern's own wildcards taken as text.</summary>
    private static string Contains(string text)
    {
        var pattern = new StringBuilder("%", text.Length + 2);
        foreach (var c in text)
        {
            if (c is '%' or '_' or '\\')
            {
                pattern.Append('\\');
            }

            pattern.Append(c);
        }

        return pattern.Append('%').ToString();
    }
}
