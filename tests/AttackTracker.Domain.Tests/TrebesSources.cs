using AttackTracker.Domain.Sources;

namespace AttackTracker.Domain.Tests;

/// <summary>The sources that reported the Carcassonne and Trèbes attack (docs/reconciliation.md).</summary>
internal static class TrebesSources
{
    public static readonly SourceRef LongWarJournal = Source("Long War Journal", SourceKind.News, Reliability.B);
    public static readonly SourceRef Itic = Source("Meir Amit Intelligence and Terrorism Information Center (ITIC)", SourceKind.Research, Reliability.B);
    public static readonly SourceRef Wsws = Source("World Socialist Web Site", SourceKind.News, Reliability.C);
    public static readonly SourceRef Encyclopedia = Source("Encyclopedia summary", SourceKind.Other, Reliability.C);

    public static DateTimeOffset Day(int month, int day, int year = 2018) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);

    private static SourceRef Source(string name, SourceKind kind, Reliability reliability) => new(SourceNames.IdFor(name), name, kind, reliability);
}
