using System.Globalization;

namespace AttackTracker.EventStore;

/// <summary>
/// A position in the commit-order feed: the writing transaction's id, then the global position.
/// Events are delivered in this order, which never lets a later-committing transaction's
/// events fall behind a reader's checkpoint (see <see cref="EventStore.ReadAllAsync"/>).
/// </summary>
/// <param name="TransactionId">The transaction id (xid8) of the last event read.</param>
/// <param name="Position">The global position of the last event read.</param>
public readonly record struct FeedPosition(ulong TransactionId, long Position)
{
    /// <summary>Before the first event.</summary>
    public static FeedPosition Start { get; } = new(0, 0);

    /// <summary>The position of an event.</summary>
    public static FeedPosition Of(RecordedEvent e) => new(e.TransactionId, e.Position);

    /// <summary>"transactionId:position", as stored in checkpoints and query strings.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{TransactionId}:{Position}");

    /// <summary>Parses the form written by <see cref="ToString"/>.</summary>
    public static bool TryParse(string? text, out FeedPosition position)
    {
        position = Start;
        var parts = text?.Split(':');
        if (parts is not [var tx, var pos]
            || !ulong.TryParse(tx, NumberStyles.None, CultureInfo.InvariantCulture, out var t)
            || !long.TryParse(pos, NumberStyles.None, CultureInfo.InvariantCulture, out var p))
        {
            return false;
        }

        position = new FeedPosition(t, p);
        return true;
    }
}

/// <summary>A page of the commit-order feed.</summary>
/// <param name="Events">The events, in (transaction id, position) order.</param>
/// <param name="Next">Where the next page starts; unchanged when the page is empty.</param>
public sealed record FeedPage(IReadOnlyList<RecordedEvent> Events, FeedPosition Next);
