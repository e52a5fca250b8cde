using System.Globalization;
using AttackTracker.Api.Store;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Notifications;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Npgsql;

namespace AttackTracker.Api.Notifications;

/// <summary>
/// A subscription on Marten's async daemon that only moves forward: the daemon hands it events
/// in sequence order up to its high-water mark, which waits for every transaction that could
/// still commit a lower sequence number. Its progress is therefore a position below which no
/// notification can appear any more, and the live feed serves nothing past it.
/// </summary>
public sealed class ChangeFeedHorizon : SubscriptionBase
{
    public const string SubscriptionName = "change_feed";

    /// <summary>Its row in mt_event_progression.</summary>
    public const string ProgressName = SubscriptionName + ":All";

    public ChangeFeedHorizon()
    {
        Name = SubscriptionName;
        // Only its progress is used, and the daemon moves it to the end of every range it hands
        // over whatever types the range held: asking for one rare type keeps each fetch small.
        IncludeType<IncidentOpened>();
    }

    public override Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken) =>
        Task.FromResult<IChangeListener>(NullChangeListener.Instance);
}

/// <summary>A position in the feed: the sequence number of the commit's last event and the notification's ordinal in the commit.</summary>
public readonly record struct FeedPosition(long Sequence, int Ordinal)
{
    public static FeedPosition Start { get; } = new(0, int.MaxValue);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Sequence}-{Ordinal}");

    public static bool TryParse(string text, out FeedPosition position)
    {
        position = default;
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0
            || !long.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            || !int.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal))
        {
            return false;
        }

        position = new FeedPosition(sequence, ordinal);
        return true;
    }
}

/// <summary>One entry of the live feed.</summary>
public sealed record FeedEntry(FeedPosition Position, string Kind, string Body);

/// <summary>
/// Reads the notifications in the order of their commits' events (the global sequence), up to
/// the daemon's horizon (<see cref="ChangeFeedHorizon"/>), so a reader that resumes after the
/// last position it saw misses nothing and sees nothing twice.
/// </summary>
public sealed class ChangeFeed(NpgsqlDataSource dataSource, StoreSettings settings)
{
    private readonly string _page = $"""
        SELECT e.seq_id, n.ordinal, n.kind, n.body
        FROM "{settings.Schema}".mt_events e
        JOIN "{settings.Schema}".notifications n ON n.incident_id = e.stream_id AND n.version = e.version
        WHERE e.seq_id >= $1 AND e.seq_id <= $7 AND (e.seq_id, n.ordinal) > ($1, $2)
          AND ($3::uuid[] IS NULL OR n.incident_id = ANY ($3))
          AND ($4::text[] IS NULL OR n.country = ANY ($4))
          AND ($5::text[] IS NULL OR n.kind = ANY ($5))
        ORDER BY e.seq_id, n.ordinal
        LIMIT $6
        """;

    private readonly string _horizon = $"""SELECT COALESCE((SELECT last_seq_id FROM "{settings.Schema}".mt_event_progression WHERE name = '{ChangeFeedHorizon.ProgressName}'), 0)""";

    /// <summary>The feed's horizon now: a reader that starts here sees only what comes after.</summary>
    public async Task<FeedPosition> HorizonAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(_horizon);
        return new FeedPosition((long)(await command.ExecuteScalarAsync(cancellationToken))!, int.MaxValue);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> entries after <paramref name="after"/>, and how far the read
    /// has looked. The horizon is read first: every event at or below it has committed, with its
    /// notifications, so a page that stops short of the limit has seen all there will ever be up
    /// to there.
    /// </summary>
    public async Task<(IReadOnlyList<FeedEntry> Entries, FeedPosition ScannedThrough)> ReadAsync(
        FeedPosition after, SubscriptionFilter filter, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var horizon = await HorizonAsync(cancellationToken);
        if (horizon.Sequence < after.Sequence || (horizon.Sequence == after.Sequence && after.Ordinal == int.MaxValue))
        {
            return ([], after);
        }

        await using var command = dataSource.CreateCommand(_page);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after.Sequence });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = after.Ordinal });
        command.Parameters.Add(Array(filter.IncidentIds, NpgsqlTypes.NpgsqlDbType.Uuid));
        command.Parameters.Add(Array(filter.Countries, NpgsqlTypes.NpgsqlDbType.Text));
        command.Parameters.Add(Array(filter.Kinds, NpgsqlTypes.NpgsqlDbType.Text));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = horizon.Sequence });
        var entries = new List<FeedEntry>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                entries.Add(new FeedEntry(new FeedPosition(reader.GetInt64(0), reader.GetInt32(1)), reader.GetString(2), reader.GetString(3)));
            }
        }

        return (entries, entries.Count == limit ? entries[^1].Position : horizon);
    }

    private static NpgsqlParameter Array<T>(IReadOnlyList<T>? items, NpgsqlTypes.NpgsqlDbType type) =>
        new() { Value = items is null ? DBNull.Value : items.ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | type };
}
