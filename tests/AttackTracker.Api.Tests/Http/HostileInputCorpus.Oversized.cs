using System.Text.Json.Nodes;
using AttackTracker.Domain;
using static AttackTracker.Api.Tests.Http.WriteEndpoint;

namespace AttackTracker.Api.Tests.Http;

public static partial class HostileInputCorpus
{
    /// <summary>Strings one past their limit, lists past theirs, bodies past 256 KiB, and nesting far past any real document.</summary>
    public static IEnumerable<object[]> Oversized =>
    [
        Case("long: incident title", OpenIncident, Incident("title", Long(Limits.TitleLength + 1)), "title"),
        Case("long: incident title of 100,000 characters", OpenIncident, Incident("title", Long(100_000)), "title"),
        Case("long: place", OpenIncident, Incident("place", Long(Limits.ShortTextLength + 1)), "place"),
        Case("long: summary", OpenIncident, Incident("summary", Long(Limits.TextLength + 1)), "summary"),
        Case("long: country of three letters", OpenIncident, Incident(i => i["country"] = "FRA"), "country"),
        Case("long: report title of 100,000 characters", SubmitReport, Report("title", Long(100_000)), "title"),
        Case("long: source name", SubmitReport, Source("name", Long(Limits.NameLength + 1)), "source.name"),
        Case("long: source url", SubmitReport, Report(r => r["source"]!["url"] = "https://example.org/" + new string('a', Limits.UrlLength)), "source.url"),
        Case("long: report url", SubmitReport, Report(r => r["url"] = "https://example.org/" + new string('a', Limits.UrlLength)), "url"),
        Case("long: quote", SubmitReport, Fact($$"""{"type":"casualties","killed":4,"quote":{{Long(Limits.QuoteLength + 1)}}}"""), "facts[0].quote"),
        Case("long: note text", SubmitReport, Fact($$"""{"type":"note","text":{{Long(Limits.TextLength + 1)}}}"""), "facts[0].text"),
        Case("long: demand text", SubmitReport, Fact($$"""{"type":"demand","text":{{Long(Limits.TextLength + 1)}}}"""), "facts[0].text"),
        Case("long: timeline description", SubmitReport, Fact($$"""{"type":"timeline","at":"2018-03-23","description":{{Long(Limits.TextLength + 1)}}}"""), "facts[0].description"),
        Case("long: timeline place", SubmitReport, Fact($$"""{"type":"timeline","at":"2018-03-23","description":"d","place":{{Long(Limits.ShortTextLength + 1)}}}"""), "facts[0].place"),
        Case("long: location place", SubmitReport, Fact($$"""{"type":"location","country":"FR","place":{{Long(Limits.ShortTextLength + 1)}}}"""), "facts[0].place"),
        Case("long: location city", SubmitReport, Fact($$"""{"type":"location","country":"FR","city":{{Long(Limits.ShortTextLength + 1)}}}"""), "facts[0].city"),
        Case("long: location region", SubmitReport, Fact($$"""{"type":"location","country":"FR","region":{{Long(Limits.ShortTextLength + 1)}}}"""), "facts[0].region"),
        Case("long: location country", SubmitReport, Fact("""{"type":"location","city":"Trèbes","country":"FRANCE"}"""), "facts[0].country"),
        Case("long: person key", SubmitReport, Fact($$"""{"type":"person","key":{{Long(Limits.NameLength + 1)}},"role":"officer","status":"killed"}"""), "facts[0].key"),
        Case("long: person name", SubmitReport, Fact($$"""{"type":"person","name":{{Long(Limits.NameLength + 1)}},"role":"officer","status":"killed"}"""), "facts[0].name"),
        Case("long: person role", SubmitReport, Fact($$"""{"type":"person","role":{{Long(Limits.ShortTextLength + 1)}},"status":"killed"}"""), "facts[0].role"),
        Case("long: person description", SubmitReport, Fact($$"""{"type":"person","role":"officer","status":"killed","description":{{Long(Limits.TextLength + 1)}}}"""), "facts[0].description"),
        Case("long: perpetrator name", SubmitReport, Fact($$"""{"type":"perpetrator","age":25,"name":{{Long(Limits.NameLength + 1)}}}"""), "facts[0].name"),
        Case("long: perpetrator nationality", SubmitReport, Fact($$"""{"type":"perpetrator","age":25,"nationality":{{Long(Limits.ShortTextLength + 1)}}}"""), "facts[0].nationality"),
        Case("long: an alias", SubmitReport, Fact($$"""{"type":"perpetrator","age":25,"aliases":[{{Long(Limits.NameLength + 1)}}]}"""), "facts[0].aliases[0]"),
        Case("long: claimant", SubmitReport, Fact($$"""{"type":"claim","claimant":{{Long(Limits.NameLength + 1)}}}"""), "facts[0].claimant"),
        Case("long: claim channel", SubmitReport, Fact($$"""{"type":"claim","claimant":"IS","channel":{{Long(Limits.NameLength + 1)}}}"""), "facts[0].channel"),
        Case("long: weapon detail", SubmitReport, Fact($$"""{"type":"weapon","weaponType":"firearms","detail":{{Long(Limits.ShortTextLength + 1)}}}"""), "facts[0].detail"),
        Case("long: target detail", SubmitReport, Fact($$"""{"type":"target","targetType":"business","detail":{{Long(Limits.ShortTextLength + 1)}}}"""), "facts[0].detail"),
        Case("long: retraction reason", Retract, Retraction("reason", Long(Limits.TextLength + 1)), "reason"),
        Case("long: adjudication rationale", Adjudicate, Adjudication("rationale", Long(Limits.TextLength + 1)), "rationale"),

        Case("many: aliases", SubmitReport, Fact(new JsonObject { ["type"] = "perpetrator", ["age"] = 25, ["aliases"] = Strings(Limits.ListItems + 1, i => $"alias {i}") }.ToJsonString()), "facts[0].aliases"),
        Case("many: attack types", SubmitReport, Fact(new JsonObject { ["type"] = "attackType", ["attackTypes"] = Strings(Limits.ListItems + 1, _ => "armed-assault") }.ToJsonString()), "facts[0].attackTypes"),
        Case("many: 1,000 facts", SubmitReport, Report(r => r["facts"] = Notes(1000)), "facts"),
        Case("many: fact ids", Retract, Change("""{"kind":"entered-in-error","reason":"Entered twice."}""", r => r["factIds"] = Strings(Limits.FactsPerReport + 1, _ => FactIdToken)), "factIds"),

        TooLarge("413: an incident summary of 300,000 characters", OpenIncident, Incident("summary", Long(300_000))),
        TooLarge("413: an incident one byte over the limit", OpenIncident, PadTo(ValidIncident, BodyLimit + 1)),
        TooLarge("413: a report quote of a million characters", SubmitReport, Fact($$"""{"type":"casualties","killed":4,"quote":{{Long(1_000_000)}}}""")),
        TooLarge("413: a report padded with whitespace", SubmitReport, PadTo(ValidReport, BodyLimit + 4096)),
        TooLarge("413: a retraction reason of 300,000 characters", Retract, Retraction("reason", Long(300_000))),
        TooLarge("413: an adjudication one byte over the limit", Adjudicate, PadTo(ValidAdjudication, BodyLimit + 1)),

        Case("deep: 100 nested arrays as killed", SubmitReport, Fact($$"""{"type":"casualties","killed":{{Nested(100)}}}"""), "facts[0]"),
        Case("deep: 100 nested objects as a note's text", SubmitReport, Fact($$"""{"type":"note","text":{{NestedObjects(100)}}}"""), "facts[0]"),
        Case("deep: 100 nested arrays in a quote", SubmitReport, Fact($$"""{"type":"note","text":"n","quote":{{Nested(100, "\"q\"")}}}"""), "facts[0]"),
        Case("deep: 100 nested arrays as an alias", SubmitReport, Fact($$"""{"type":"perpetrator","aliases":{{Nested(100, "\"a\"")}}}"""), "facts[0]"),
        Case("deep: 100 nested arrays as the incident title", OpenIncident, Incident("title", Nested(100)), "title"),
        Case("deep: 100 nested arrays as the body", SubmitReport, Nested(100), "body"),
        Case("deep: 50,000 nested arrays as the body", OpenIncident, Nested(50_000), "body"),
        Case("deep: 50,000 unclosed arrays as the body", Adjudicate, new string('[', 50_000), "body"),
        Case("deep: 100 nested objects as a value", Adjudicate, Adjudication("value", NestedObjects(100)), "value"),
        Case("deep: 100 nested arrays as fact ids", Retract, Retraction("reportId", Nested(100, "\"$factId\"")), "reportId"),
    ];

    private static JsonArray Notes(int count) =>
        [.. Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject { ["type"] = "note", ["text"] = $"note {i}" })];

    private static JsonArray Strings(int count, Func<int, string> item) => [.. Enumerable.Range(0, count).Select(i => (JsonNode)item(i))];
}
