using static AttackTracker.Api.Tests.Http.WriteEndpoint;

namespace AttackTracker.Api.Tests.Http;

public static partial class HostileInputCorpus
{
    /// <summary>
    /// Invisible characters in names (issue 26): bidirectional overrides and isolates that turn a
    /// name around on screen, and zero-width and other format characters that make two names that
    /// look alike differ, so that one source, claimant or person could pass for another.
    /// </summary>
    public static IEnumerable<object[]> Spoofing =>
    [
        Case("bidi: U+202E (right-to-left override) in a source name", SubmitReport, Report(r => r["source"]!["name"] = "Agence \u202Eetsat"), "source.name"),
        Case("bidi: U+202D (left-to-right override) in a claimant", SubmitReport, Fact("""{"type":"claim","claimant":"Islamic\u202DState"}"""), "facts[0].claimant"),
        Case("bidi: U+202A (left-to-right embedding) in a channel", SubmitReport, Fact("""{"type":"claim","claimant":"IS","channel":"\u202AAmaq"}"""), "facts[0].channel"),
        Case("bidi: U+2067 (right-to-left isolate) in a person's name", SubmitReport, Fact("""{"type":"person","name":"Arnaud \u2067Beltrame","role":"officer","status":"killed"}"""), "facts[0].name"),
        Case("bidi: U+2069 (pop directional isolate) in a perpetrator's name", SubmitReport, Fact("""{"type":"perpetrator","name":"R. Lakdim\u2069"}"""), "facts[0].name"),
        Case("bidi: U+200E (left-to-right mark) in a perpetrator's key", SubmitReport, Fact("""{"type":"perpetrator","key":"lakdim\u200E"}"""), "facts[0].key"),
        Case("bidi: U+061C (Arabic letter mark) in a source name", SubmitReport, Report(r => r["source"]!["name"] = "Agence\u061C Test"), "source.name"),
        Case("zero-width: U+200B (space) in a source name", SubmitReport, Report(r => r["source"]!["name"] = "Agence T\u200Best"), "source.name"),
        Case("zero-width: U+200D (joiner) between Latin letters in an alias", SubmitReport, Fact("""{"type":"perpetrator","age":25,"aliases":["Red\u200Duane"]}"""), "facts[0].aliases[0]"),
        Case("zero-width: U+200C (non-joiner) between Latin letters in a claimant", SubmitReport, Fact("""{"type":"claim","claimant":"Isl\u200Camic State"}"""), "facts[0].claimant"),
        Case("zero-width: U+2060 (word joiner) in a person's key", SubmitReport, Fact("""{"type":"person","key":"beltrame\u2060","role":"officer","status":"killed"}"""), "facts[0].key"),
        Case("zero-width: U+FEFF (no-break space) inside a source name", SubmitReport, Report(r => r["source"]!["name"] = "Agence\uFEFFTest"), "source.name"),
        Case("invisible: U+00AD (soft hyphen) in a person's name", SubmitReport, Fact("""{"type":"person","name":"Bel\u00ADtrame","role":"officer","status":"killed"}"""), "facts[0].name"),
        Case("invisible: U+180E (Mongolian vowel separator) in a channel", SubmitReport, Fact("""{"type":"claim","claimant":"IS","channel":"Am\u180Eaq"}"""), "facts[0].channel"),
        Case("invisible: U+3164 (Hangul filler) as a perpetrator's name", SubmitReport, Fact("""{"type":"perpetrator","name":"\u3164"}"""), "facts[0].name"),
        Case("invisible: U+E0041 (a tag character) in an alias", SubmitReport, Fact("""{"type":"perpetrator","age":25,"aliases":["R.L.\uDB40\uDC41"]}"""), "facts[0].aliases[0]"),
    ];
}
