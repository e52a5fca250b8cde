namespace AttackTracker.Domain.Desk;

/// <summary>What the desk did with one suggestion, or that a fact was added by hand.</summary>
public enum DeskOutcome
{
    /// <summary>The suggestion became a fact as it was suggested.</summary>
    Accepted,

    /// <summary>The suggestion became a fact after the analyst changed its value.</summary>
    Edited,

    /// <summary>The suggestion was turned down: no fact.</summary>
    Rejected,

    /// <summary>A fact the suggestions missed, which the analyst added from a passage.</summary>
    Added,
}

/// <summary>The desk's part of a report's body: the document the report was made from, and what became of its suggestions.</summary>
public sealed record DeskRequest(string? Document, IReadOnlyList<DeskOutcomeRequest?>? Outcomes);

/// <summary>
/// One suggestion's fate: its kind, the outcome, the fact it became (an index into the report's
/// facts; none when rejected), and the suggestion's passage (none for a fact added by hand).
/// </summary>
public sealed record DeskOutcomeRequest(SuggestionKind? Kind, DeskOutcome? Outcome, int? Fact, int? Start, int? End);

/// <summary>The desk's review of one document, as the report's event keeps it.</summary>
public sealed record DeskReview(string Document, IReadOnlyList<DeskOutcomeEntry> Outcomes);

/// <summary>One outcome as recorded: <see cref="FactId"/> is the id the fact at <see cref="Fact"/> was given.</summary>
public sealed record DeskOutcomeEntry(SuggestionKind Kind, DeskOutcome Outcome, int? Fact, Guid? FactId, int? Start, int? End);
