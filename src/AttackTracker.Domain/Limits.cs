namespace AttackTracker.Domain;

/// <summary>Input limits, documented in docs/api.md. A value over a limit is rejected, never cut.</summary>
public static class Limits
{
    public const int TitleLength = 300;
    public const int NameLength = 200;
    public const int ShortTextLength = 300;
    public const int TextLength = 4000;
    public const int QuoteLength = 2000;
    public const int UrlLength = 2000;
    public const int FactsPerReport = 100;
    public const int ListItems = 20;
    public const int MaxCount = 100_000;
    public const int MaxAge = 120;
    public const int EarliestYear = 1800;

    /// <summary>Clocks and time zones differ: a date up to this far ahead of the server's clock is accepted.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromDays(1);
}
