namespace AttackTracker.Domain.Desk;

/// <summary>What the desk knows besides the text.</summary>
public sealed record SuggestOptions
{
    /// <summary>
    /// The article's publication date. It dates "on Friday", "earlier today" and "March 23"; without
    /// it, only dates written in full (or in a dateline) are read.
    /// </summary>
    public DateOnly? PublishedAt { get; init; }

    /// <summary>Suggestions below this confidence are left out.</summary>
    public double MinimumConfidence { get; init; }
}
