namespace AttackTracker.Incidents.Sources;

public enum SourceKind
{
    News,
    Official,
    Research,
    Perpetrator,
    Other,
}
