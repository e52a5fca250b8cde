using System.Text.Json;
using AttackTracker.Api.Incidents;
using AttackTracker.Api.Store;
using AttackTracker.Domain;
using Npgsql;

namespace AttackTracker.Api.Identity;

/// <summary>A candidate duplicate of an incident: the other incident, its score and the signals that matched.</summary>
public sealed record CandidateView(Guid Id, string? Title, DateOnly? OccurredOn, string? Country, string? Place, double Score, IReadOnlyList<CandidateSignal> Signals);

/// <summary>Which pairs the store-wide review list holds: the later incident of the pair in a country, occurred in [From, To].</summary>
public sealed record CandidateFilter(string? Country, DateOnly? From, DateOnly? To, double MinScore, int Window);

/// <summary>
/// Candidate generation in one SQL query over the listing (Sql/0011): only incidents in the same
/// country whose dates are within the window, found through the listing's (country, occurred_on)
/// index, so the cost is that of the incidents near in place and time, not of the store. Pairs an
/// editor rejected, on either incident's stream, are left out in the same query (each listing holds
/// the ids its own stream rejected). Scoring is <see cref="CandidateScore"/>, on the rows found.
/// </summary>
public sealed class CandidateQuery(ReadSessions reads, StoreSettings settings)
{
    /// <summary>Pairs read per round trip of the store-wide list.</summary>
    public const int Batch = 500;

    /// <summary>Pairs scored at most per page of the store-wide list: a page past them ends short, with its cursor.</summary>
    public const int ScanLimit = 20_000;

    /// <summary>The incidents one incident is compared with at most: past the busiest day of any data set, and a bound on the work.</summary>
    public const int NeighbourLimit = 5_000;

    private readonly string _table = $"\"{settings.Schema}\".mt_doc_incidentlisting";

    // An incident merged into another is a candidate of nothing: its facts are its survivor's.
    private const string NotRejected = """
        NOT (coalesce(a.data -> 'rejectedCandidates', '[]'::jsonb) ? b.id::text OR coalesce(b.data -> 'rejectedCandidates', '[]'::jsonb) ? a.id::text)
          AND (a.data ->> 'mergedInto') IS NULL AND (b.data ->> 'mergedInto') IS NULL
        """;

    /// <summary>The incident's candidates, best first; null when no incident has this id.</summary>
    public async Task<IReadOnlyList<CandidateView>?> ForAsync(Guid id, int window, double minScore, int limit, CancellationToken cancellationToken)
    {
        await using var command = reads.CreateCommand($"""
            SELECT a.data, b.data FROM {_table} a
            LEFT JOIN LATERAL (
              SELECT b.id, b.data FROM {_table} b
              WHERE b.country = a.country AND b.occurred_on BETWEEN a.occurred_on - $2 AND a.occurred_on + $2 AND b.id <> a.id
                AND {NotRejected}
              LIMIT {NeighbourLimit}
            ) b ON true
            WHERE a.id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = window });
        IncidentListing? self = null;
        var found = new List<CandidateView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            self ??= Listing(reader, 0);
            if (await reader.IsDBNullAsync(1, cancellationToken))
            {
                continue;
            }

            var other = Listing(reader, 1);
            var (score, signals) = CandidateScore.Of(self, other, window);
            if (score >= minScore)
            {
                found.Add(new CandidateView(other.Id, other.Title, other.OccurredOn, other.Country, other.Place, score, signals));
            }
        }

        return self is null ? null : [.. found.OrderByDescending(c => c.Score).ThenBy(c => c.Id).Take(limit)];
    }

    /// <summary>
    /// A page of the store-wide list: pairs in the order of their later incident (newest first), then
    /// of the earlier one, from just after <paramref name="after"/>; a page holds the pairs that score
    /// at least the minimum, and ends early (with a cursor) after <see cref="ScanLimit"/> rows read.
    /// </summary>
    public async Task<(IReadOnlyList<CandidatePair> Items, CandidateCursor? Next)> PageAsync(CandidateFilter filter, CandidateCursor? after, int size, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var items = new List<CandidatePair>(size);
        var cursor = after;
        for (var scanned = 0; scanned < ScanLimit;)
        {
            var rows = await BatchAsync(filter, cursor, cancellationToken);
            foreach (var (a, b) in rows)
            {
                if (b is null)
                {
                    // An incident with no pair: the next batch starts after it.
                    cursor = new CandidateCursor(a.OccurredOn ?? default, a.Id, DateOnly.MinValue, Guid.Empty);
                    continue;
                }

                cursor = new CandidateCursor(a.OccurredOn ?? default, a.Id, b.OccurredOn ?? default, b.Id);
                var (score, signals) = CandidateScore.Of(a, b, filter.Window);
                if (score >= filter.MinScore)
                {
                    items.Add(new CandidatePair(Summary(a), Summary(b), score, signals));
                    if (items.Count == size)
                    {
                        return (items, cursor);
                    }
                }
            }

            scanned += rows.Count;
            if (rows.Count < Batch)
            {
                return (items, null);
            }
        }

        return (items, cursor);
    }

    /// <summary>
    /// The next <see cref="Batch"/> rows after the cursor: each incident (newest first, through the
    /// listing's date or country-and-date index) with each incident at most the window before it in
    /// its country (through the country-and-date index), or once with none. The SQL names only the
    /// filters asked for, so a prepared plan never reads the store to test a filter not given.
    /// </summary>
    private async Task<List<(IncidentListing A, IncidentListing? B)>> BatchAsync(CandidateFilter filter, CandidateCursor? after, CancellationToken cancellationToken)
    {
        var parameters = new List<NpgsqlParameter>();
        string Add(NpgsqlParameter parameter)
        {
            parameters.Add(parameter);
            return $"${parameters.Count}";
        }

        var window = Add(new NpgsqlParameter<int> { TypedValue = filter.Window });
        // An absorbed incident is no a either, but through NotRejected (it finds no pair): a test of
        // its JSON here would hide from the planner that the date index fills the page at once.
        var incidents = new List<string> { "a.country IS NOT NULL", "a.occurred_on IS NOT NULL" };
        var pairs = new List<string>();
        if (filter.Country is { } country)
        {
            incidents.Add($"a.country = {Add(new NpgsqlParameter<string> { TypedValue = country })}");
        }

        if (filter.From is { } from)
        {
            incidents.Add($"a.occurred_on >= {Add(new NpgsqlParameter<DateOnly> { TypedValue = from })}");
        }

        if (filter.To is { } to)
        {
            incidents.Add($"a.occurred_on <= {Add(new NpgsqlParameter<DateOnly> { TypedValue = to })}");
        }

        if (after is not null)
        {
            var (day, id) = (Add(new NpgsqlParameter<DateOnly> { TypedValue = after.OccurredOn }), Add(new NpgsqlParameter<Guid> { TypedValue = after.Id }));
            var (otherDay, otherId) = (Add(new NpgsqlParameter<DateOnly> { TypedValue = after.OtherOccurredOn }), Add(new NpgsqlParameter<Guid> { TypedValue = after.OtherId }));
            incidents.Add($"(a.occurred_on, a.id) <= ({day}, {id})");
            pairs.Add($"AND ((a.occurred_on, a.id) < ({day}, {id}) OR (b.occurred_on, b.id) < ({otherDay}, {otherId}))");
        }

        // The later incident of a pair is a; b is at most the window before it (or the same day, a smaller key), so each pair comes once.
        await using var command = reads.CreateCommand($"""
            SELECT a.data, b.data FROM (
              SELECT a.id, a.country, a.occurred_on, a.data FROM {_table} a
              WHERE {string.Join(" AND ", incidents)}
              ORDER BY a.occurred_on DESC, a.id DESC
              LIMIT {Batch}
            ) a
            LEFT JOIN LATERAL (
              SELECT b.id, b.occurred_on, b.data FROM {_table} b
              WHERE b.country = a.country AND b.occurred_on BETWEEN a.occurred_on - {window} AND a.occurred_on
                AND (b.occurred_on, b.id) < (a.occurred_on, a.id) {string.Join(' ', pairs)} AND {NotRejected}
              ORDER BY b.occurred_on DESC, b.id DESC
              LIMIT {NeighbourLimit}
            ) b ON true
            ORDER BY a.occurred_on DESC, a.id DESC, b.occurred_on DESC NULLS LAST, b.id DESC NULLS LAST
            LIMIT {Batch}
            """);
        command.Parameters.AddRange(parameters.ToArray());
        var rows = new List<(IncidentListing, IncidentListing?)>(Batch);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((Listing(reader, 0), await reader.IsDBNullAsync(1, cancellationToken) ? null : Listing(reader, 1)));
        }

        return rows;
    }

    private static CandidateIncident Summary(IncidentListing l) => new(l.Id, l.Title, l.OccurredOn, l.Country, l.Place);

    private static IncidentListing Listing(NpgsqlDataReader reader, int column) =>
        JsonSerializer.Deserialize<IncidentListing>(reader.GetString(column), IncidentJson.Options)!;
}
