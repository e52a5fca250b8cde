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

    /// <summary>A stored document's text, in UTF-8 bytes (200 KiB: a long article is a tenth of it).</summary>
    public const int DocumentTextBytes = 200 * 1024;

    /// <summary>A BCP 47 language tag ("en", "fr", "es-MX").</summary>
    public const int LanguageLength = 35;

    /// <summary>What the desk did with the suggestions of one article, per report.</summary>
    public const int DeskOutcomes = 500;

    /// <summary>Clocks and time zones differ: a date up to this far ahead of the server's clock is accepted.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromDays(1);
}
