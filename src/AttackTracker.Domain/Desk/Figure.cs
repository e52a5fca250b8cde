namespace AttackTracker.Domain.Desk;

/// <summary>A killed or wounded figure read in a sentence, before it is placed (this attack or another) and compared with the others.</summary>
internal sealed record Figure(
    SuggestionKind Kind,
    int Value,
    int? Max,
    FigureQualifier Qualifier,
    FigureScope Scope,
    int Start,
    int End,
    Sentence Sentence,
    double Confidence)
{
    /// <summary>"two more", "11 others", "another 15": a count added to one given before.</summary>
    public bool Additive { get; init; }
}
