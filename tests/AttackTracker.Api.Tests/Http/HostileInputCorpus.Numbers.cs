using AttackTracker.Domain;
using static AttackTracker.Api.Tests.Http.WriteEndpoint;

namespace AttackTracker.Api.Tests.Http;

public static partial class HostileInputCorpus
{
    private static readonly string OverMaxCount = $"{Limits.MaxCount + 1}";

    private static readonly string OverInt = $"{(long)int.MaxValue + 1}";

    /// <summary>Counts, coordinates, ages and scores that are not finite, negative, absurd, fractional or inverted.</summary>
    public static IEnumerable<object[]> Numbers =>
    [
        Case("NaN: killed as a literal", SubmitReport, Fact("""{"type":"casualties","killed":NaN}"""), "facts[0]"),
        Case("NaN: killed as a string", SubmitReport, Fact("""{"type":"casualties","killed":"NaN"}"""), "facts[0].killed"),
        Case("NaN: lat as a literal", SubmitReport, Fact("""{"type":"location","lat":NaN,"lon":2.44}"""), "facts[0]"),
        Case("NaN: lat as a string", SubmitReport, Fact("""{"type":"location","lat":"NaN","lon":2.44}"""), "facts[0].lat"),
        Case("NaN: credibility as a literal", SubmitReport, Report("credibility", "NaN"), "credibility"),
        Case("NaN: adjudicated value as a literal", Adjudicate, Adjudication("value", "NaN"), "value"),
        Case("Infinity: wounded as a literal", SubmitReport, Fact("""{"type":"casualties","wounded":Infinity}"""), "facts[0]"),
        Case("Infinity: hostages as -Infinity", SubmitReport, Fact("""{"type":"casualties","hostages":-Infinity}"""), "facts[0]"),
        Case("Infinity: killed as a string", SubmitReport, Fact("""{"type":"casualties","killed":"Infinity"}"""), "facts[0].killed"),
        Case("Infinity: lon as a literal", SubmitReport, Fact("""{"type":"location","lat":43.2,"lon":Infinity}"""), "facts[0]"),
        Case("Infinity: lon as a string", SubmitReport, Fact("""{"type":"location","lat":43.2,"lon":"-Infinity"}"""), "facts[0].lon"),
        Case("Infinity: adjudicated value as a string", Adjudicate, Adjudication("value", "\"Infinity\""), "value"),

        Case("negative: perpetratorsWounded", SubmitReport, Fact("""{"type":"casualties","perpetratorsWounded":-1}"""), "facts[0].perpetratorsWounded"),
        Case("negative: atMost", SubmitReport, Fact("""{"type":"casualties","hostages":{"atMost":-1}}"""), "facts[0].hostages"),
        Case("negative: the min of a range", SubmitReport, Fact("""{"type":"casualties","wounded":{"min":-5,"max":3}}"""), "facts[0].wounded"),
        Case("negative: int.MinValue killed", SubmitReport, Fact($$"""{"type":"casualties","killed":{{int.MinValue}}}"""), "facts[0].killed"),
        Case("negative: adjudicated value", Adjudicate, Adjudication(a => a["value"] = -1), "value"),
        Case("negative: age", SubmitReport, Fact("""{"type":"perpetrator","age":-1}"""), "facts[0].age"),
        Case("negative: credibility", SubmitReport, Report(r => r["credibility"] = -1), "credibility"),

        Case("absurd: perpetratorsKilled over MaxCount", SubmitReport, Fact($$"""{"type":"casualties","perpetratorsKilled":{{OverMaxCount}}}"""), "facts[0].perpetratorsKilled"),
        Case("absurd: atLeast over MaxCount", SubmitReport, Fact($$$"""{"type":"casualties","wounded":{"atLeast":{{{OverMaxCount}}}}}"""), "facts[0].wounded"),
        Case("absurd: killed over int.MaxValue", SubmitReport, Fact($$"""{"type":"casualties","killed":{{OverInt}}}"""), "facts[0].killed"),
        Case("absurd: killed 1e400", SubmitReport, Fact("""{"type":"casualties","killed":1e400}"""), "facts[0].killed"),
        Case("absurd: killed written with an exponent", SubmitReport, Fact("""{"type":"casualties","killed":1e5}"""), "facts[0].killed"),
        Case("absurd: the max of a range over long", SubmitReport, Fact("""{"type":"casualties","hostages":{"min":0,"max":99999999999999999999999}}"""), "facts[0].hostages"),
        Case("absurd: adjudicated value over MaxCount", Adjudicate, Adjudication("value", OverMaxCount), "value"),
        Case("absurd: adjudicated value over int.MaxValue", Adjudicate, Adjudication("value", OverInt), "value"),
        Case("absurd: adjudicated value 1e400", Adjudicate, Adjudication("value", "1e400"), "value"),
        Case("absurd: age over int.MaxValue", SubmitReport, Fact($$"""{"type":"perpetrator","age":{{OverInt}}}"""), "facts[0].age"),
        Case("absurd: credibility over int.MaxValue", SubmitReport, Report("credibility", OverInt), "credibility"),
        Case("absurd: credibility 1e400", SubmitReport, Report("credibility", "1e400"), "credibility"),

        Case("decimal: perpetratorsKilled", SubmitReport, Fact("""{"type":"casualties","perpetratorsKilled":0.5}"""), "facts[0].perpetratorsKilled"),
        Case("decimal: killed 4.0", SubmitReport, Fact("""{"type":"casualties","killed":4.0}"""), "facts[0].killed"),
        Case("decimal: the min of a range", SubmitReport, Fact("""{"type":"casualties","wounded":{"min":1.5,"max":3}}"""), "facts[0].wounded"),
        Case("decimal: age", SubmitReport, Fact("""{"type":"perpetrator","age":25.5}"""), "facts[0].age"),
        Case("decimal: credibility", SubmitReport, Report("credibility", "2.5"), "credibility"),
        Case("decimal: adjudicated value", Adjudicate, Adjudication("value", "4.5"), "value"),

        Case("min over max: wounded", SubmitReport, Fact("""{"type":"casualties","wounded":{"min":16,"max":15}}"""), "facts[0].wounded"),
        Case("min over max: hostages", SubmitReport, Fact("""{"type":"casualties","hostages":{"min":2,"max":1}}"""), "facts[0].hostages"),
        Case("min over max: the whole range", SubmitReport, Fact($$$"""{"type":"casualties","perpetratorsKilled":{"min":{{{Limits.MaxCount}}},"max":0}}"""), "facts[0].perpetratorsKilled"),
        Case("min without max", SubmitReport, Fact("""{"type":"casualties","killed":{"min":1}}"""), "facts[0].killed"),

        Case("lat: above 90", SubmitReport, Fact("""{"type":"location","lat":90.5,"lon":2.44}"""), "facts[0].lat"),
        Case("lat: below -90", SubmitReport, Fact("""{"type":"location","lat":-90.0001,"lon":2.44}"""), "facts[0].lat"),
        Case("lat: 1e400", SubmitReport, Fact("""{"type":"location","lat":1e400,"lon":2.44}"""), "facts[0].lat"),
        Case("lon: above 180", SubmitReport, Fact("""{"type":"location","lat":43.2,"lon":180.01}"""), "facts[0].lon"),
        Case("lon: below -180", SubmitReport, Fact("""{"type":"location","lat":43.2,"lon":-181}"""), "facts[0].lon"),
        Case("lat: without lon", SubmitReport, Fact("""{"type":"location","city":"Trèbes","lat":43.2}"""), "facts[0]"),

        Case("age: over MaxAge", SubmitReport, Fact($$"""{"type":"perpetrator","age":{{Limits.MaxAge + 1}}}"""), "facts[0].age"),
        Case("age: 999", SubmitReport, Fact("""{"type":"perpetrator","age":999}"""), "facts[0].age"),

        Case("credibility: 100", SubmitReport, Report(r => r["credibility"] = 100), "credibility"),
        Case("credibility: a string score", SubmitReport, Report("credibility", "\"A1\""), "credibility"),
    ];
}
