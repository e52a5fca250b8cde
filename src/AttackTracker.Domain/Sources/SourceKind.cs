namespace AttackTracker.Domain.Sources;

public enum SourceKind
{
    News,
    Official,
    Research,
    Perpetrator,
    Other,
}
