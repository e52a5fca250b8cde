using AttackTracker.Domain;
using static AttackTracker.Api.Tests.Http.WriteEndpoint;

namespace AttackTracker.Api.Tests.Http;

public static partial class HostileInputCorpus
{
    /// <summary>Every date a client sends, with the field its problem names and a body that carries a date in it.</summary>
    private static readonly (string Field, WriteEndpoint Endpoint, Func<string, string> Body)[] DateFields =
    [
        ("occurredOn", OpenIncident, date => Incident("occurredOn", date)),
        ("publishedAt", SubmitReport, date => Report("publishedAt", date)),
        ("facts[0].at", SubmitReport, date => Fact($$"""{"type":"timeline","at":{{date}},"description":"The gunman enters."}""")),
        ("facts[0].claimedAt", SubmitReport, date => Fact($$"""{"type":"claim","claimant":"Islamic State","claimedAt":{{date}}}""")),
        ("publishedAt", Retract, date => Retraction("publishedAt", date)),
    ];

    /// <summary>Dates that are impossible, unparseable, too early or too far ahead, as JSON text.</summary>
    private static readonly (string Name, string Json)[] BadDates =
    [
        ("30 February", "\"2018-02-30\""),
        ("month 13", "\"2018-13-01\""),
        ("day first with slashes", "\"23/03/2018\""),
        ("hour 25", "\"2018-03-23T25:00\""),
        ("offset +25:00", "\"2018-03-23T10:00+25:00\""),
        ("a space for the T", "\"2018-03-23 10:00\""),
        ("a word", "\"yesterday\""),
        ("empty", "\"\""),
        ("blank", "\"   \""),
        ("a number", "20180323"),
        ("year 0001", "\"0001-01-01\""),
        ("the year before EarliestYear", $"\"{Limits.EarliestYear - 1}-12-31\""),
        ("year 9999", "\"9999-12-31\""),
        ("a day past the tolerance", $"\"{DayPastToleranceToken}\""),
        ("an hour past the tolerance", $"\"{HourPastToleranceToken}\""),
    ];

    /// <summary>ValidationTests already sends these for a report's publishedAt.</summary>
    private static readonly string[] CoveredForPublishedAt = ["30 February", "day first with slashes", "year 0001", "year 9999", "a day past the tolerance"];

    public static IEnumerable<object[]> Dates =>
    [
        .. from target in DateFields
           from date in BadDates
           where !(target.Endpoint == SubmitReport && target.Field == "publishedAt" && CoveredForPublishedAt.Contains(date.Name))
           select Case($"date: {target.Endpoint} {target.Field} {date.Name}", target.Endpoint, target.Body(date.Json), target.Field),
        Case("date: a withdrawal published before the report it withdraws", Retract, Retraction(r => r["publishedAt"] = "2018-03-20"), "publishedAt"),
        Case("date: an entered-in-error retraction with a publication date", Retract, Retraction(r => r["kind"] = "entered-in-error"), "publishedAt"),
    ];
}
