using System.Text;
using static AttackTracker.Api.Tests.Http.WriteEndpoint;

namespace AttackTracker.Api.Tests.Http;

public static partial class HostileInputCorpus
{
    private const string Bad = "%BAD%";

    /// <summary>Bytes that are not UTF-8, control and separator characters in text, and unpaired surrogates.</summary>
    public static IEnumerable<object[]> BadText =>
    [
        Case("UTF-8: C3 28 in a title", OpenIncident, Splice(Incident(i => i["title"] = $"Tr{Bad}bes"), Bad, 0xC3, 0x28), "title"),
        Case("UTF-8: FF in a report title", SubmitReport, Splice(Report(r => r["title"] = $"Report {Bad}"), Bad, 0xFF), "title"),
        Case("UTF-8: an overlong slash in a note", SubmitReport, Splice(Fact($$"""{"type":"note","text":"..{{Bad}}etc"}"""), Bad, 0xC0, 0xAF), "facts[0].text"),
        Case("UTF-8: an overlong NUL in a country", OpenIncident, Splice(Incident(i => i["country"] = $"F{Bad}"), Bad, 0xC0, 0x80), "country"),
        Case("UTF-8: an encoded surrogate in a source name", SubmitReport, Splice(Report(r => r["source"]!["name"] = $"Agence {Bad}"), Bad, 0xED, 0xA0, 0x80), "source.name"),
        Case("UTF-8: a truncated sequence before a closing quote", OpenIncident, Splice(Incident(i => i["place"] = $"Trèbes {Bad}"), Bad, 0xE2, 0x82), "place"),
        Case("UTF-8: a code point past U+10FFFF", OpenIncident, Splice(Incident(i => i["summary"] = $"Beyond {Bad}"), Bad, 0xF4, 0x90, 0x80, 0x80), "summary"),
        Case("UTF-8: a five-byte form in a rationale", Adjudicate, Splice(Adjudication(a => a["rationale"] = $"Figure {Bad}"), Bad, 0xF8, 0x88, 0x80, 0x80, 0x80), "rationale"),
        Case("UTF-8: a lone continuation byte in a reason", Retract, Splice(Retraction(r => r["reason"] = $"Withdrawn {Bad}"), Bad, 0x80), "reason"),
        Case("UTF-8: FE between members", OpenIncident, Splice(ValidIncident.Replace(",\"place\"", $",{Bad}\"place\"", StringComparison.Ordinal), Bad, 0xFE), "body"),
        Case("UTF-8: FF in a member name", Adjudicate, Splice(ValidAdjudication.Replace("\"value\"", $"\"val{Bad}ue\"", StringComparison.Ordinal), Bad, 0xFF), "val\uFFFDue"),
        Case("UTF-16: a little-endian body with its BOM", OpenIncident, (byte[])[.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(ValidIncident)], "body"),

        Case("control: U+0000 in a title", OpenIncident, Incident(i => i["title"] = "Hostages\0 taken"), "title"),
        Case("control: U+0007 in a place", OpenIncident, Incident(i => i["place"] = "Trèbes\u0007"), "place"),
        Case("control: U+0000 in a country", OpenIncident, Incident(i => i["country"] = "F\0"), "country"),
        Case("control: U+0000 in a summary", OpenIncident, Incident(i => i["summary"] = "Line one\nLine\0two"), "summary"),
        Case("control: U+001B in a source name", SubmitReport, Report(r => r["source"]!["name"] = "\u001b[31mAgence Rouge"), "source.name"),
        Case("control: U+001B in a report title", SubmitReport, Report(r => r["title"] = "Report \u001b[2J"), "title"),
        Case("control: U+0000 in a person's name", SubmitReport, Fact("""{"type":"person","name":"Arnaud\u0000Beltrame","role":"officer","status":"killed"}"""), "facts[0].name"),
        Case("control: U+0007 in a city", SubmitReport, Fact("""{"type":"location","country":"FR","city":"Tr\u0007bes"}"""), "facts[0].city"),
        Case("control: U+001B in a claimant", SubmitReport, Fact("""{"type":"claim","claimant":"\u001bIS"}"""), "facts[0].claimant"),
        Case("control: U+0000 in a timeline place", SubmitReport, Fact("""{"type":"timeline","at":"2018-03-23","description":"d","place":"\u0000"}"""), "facts[0].place"),
        Case("control: U+0007 in an alias", SubmitReport, Fact("""{"type":"perpetrator","age":25,"aliases":["R.\u0007L."]}"""), "facts[0].aliases[0]"),
        Case("control: U+0000 in a multi-line note", SubmitReport, Fact("""{"type":"note","text":"First line\nSecond\u0000line"}"""), "facts[0].text"),
        Case("control: U+0007 in a quote", SubmitReport, Fact("""{"type":"casualties","killed":4,"quote":"four\u0007 killed"}"""), "facts[0].quote"),
        Case("control: U+0007 in a retraction reason", Retract, Retraction(r => r["reason"] = "Withdrawn\u0007"), "reason"),
        Case("control: U+001B in a rationale", Adjudicate, Adjudication(a => a["rationale"] = "\u001b]0;owned\u0007"), "rationale"),
        Case("control: DEL in a title", OpenIncident, Incident(i => i["title"] = "Trèbes\u007f"), "title"),
        Case("control: NEL in a place", OpenIncident, Incident(i => i["place"] = "Trèbes\u0085Aude"), "place"),
        Case("control: a tab in a single-line title", OpenIncident, Incident(i => i["title"] = "Trèbes\tattack"), "title"),
        Case("control: a newline in a source name", SubmitReport, Report(r => r["source"]!["name"] = "Agence\nTest"), "source.name"),
        Case("control: a carriage return in a title", OpenIncident, Incident(i => i["title"] = "Trèbes\rattack"), "title"),
        Case("separator: U+2028 in a title", OpenIncident, Incident(i => i["title"] = "Trèbes\u2028attack"), "title"),
        Case("separator: U+2029 in a source name", SubmitReport, Report(r => r["source"]!["name"] = "Agence\u2029Test"), "source.name"),
        Case("separator: U+2028 in a note", SubmitReport, Fact("""{"type":"note","text":"one\u2028two"}"""), "facts[0].text"),
        Case("raw: an unescaped U+0007 in a title", OpenIncident, Incident("title", "\"Hostages\u0007 taken\""), "title"),
        Case("raw: an unescaped newline in a report title", SubmitReport, Report("title", "\"Report\nby Agence Test\""), "title"),
        Case("raw: an unescaped NUL in a rationale", Adjudicate, Adjudication("rationale", "\"Final\0figure\""), "rationale"),

        Case("surrogate: a lone high surrogate as a title", OpenIncident, Incident("title", """ "\ud800" """), "title"),
        Case("surrogate: a lone low surrogate in a place", OpenIncident, Incident("place", """ "Tr\udfffbes" """), "place"),
        Case("surrogate: a high surrogate before a letter", SubmitReport, Report("title", """ "\ud800A" """), "title"),
        Case("surrogate: a reversed pair in a source name", SubmitReport, Source("name", """ "\udc00\ud800" """), "source.name"),
        Case("surrogate: half an emoji in a note", SubmitReport, Fact("""{"type":"note","text":"smile \ud83d"}"""), "facts[0].text"),
        Case("surrogate: a lone low surrogate in a quote", SubmitReport, Fact("""{"type":"casualties","killed":4,"quote":"\ude00"}"""), "facts[0].quote"),
        Case("surrogate: a lone surrogate in a person's name", SubmitReport, Fact("""{"type":"person","name":"Zo\ud800","role":"officer","status":"killed"}"""), "facts[0].name"),
        Case("surrogate: a lone surrogate in a reason", Retract, Retraction("reason", """ "\ud800" """), "reason"),
        Case("surrogate: a lone surrogate in a rationale", Adjudicate, Adjudication("rationale", """ "\udfff" """), "rationale"),
    ];
}
