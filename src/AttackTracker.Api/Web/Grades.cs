using AttackTracker.Domain.Sources;

namespace AttackTracker.Api.Web;

/// <summary>
/// The Admiralty (NATO) grades the record keeps, in words for the pages' legend (docs/api.md,
/// "Grades"): a source's reliability, A to F, and a report's credibility, 1 to 6.
/// </summary>
public static class Grades
{
    public static IReadOnlyList<(string Grade, string Meaning)> Reliabilities { get; } =
    [
        ("A", "completely reliable"),
        ("B", "usually reliable"),
        ("C", "fairly reliable"),
        ("D", "not usually reliable"),
        ("E", "unreliable"),
        ("F", "reliability cannot be judged"),
    ];

    public static IReadOnlyList<(string Grade, string Meaning)> Credibilities { get; } =
    [
        ("1", "confirmed by other sources"),
        ("2", "probably true"),
        ("3", "possibly true"),
        ("4", "doubtful"),
        ("5", "improbable"),
        ("6", "truth cannot be judged"),
    ];

    public static string Meaning(Reliability reliability) => Reliabilities[(int)reliability].Meaning;

    public static string Meaning(int credibility) => credibility is >= 1 and <= 6 ? Credibilities[credibility - 1].Meaning : "not graded";
}
