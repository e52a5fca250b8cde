using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using AttackTracker.Domain;

namespace AttackTracker.Api.Tests.Http;

public enum WriteEndpoint
{
    OpenIncident,
    SubmitReport,
    Retract,
    Adjudicate,
}

/// <summary>
/// Hostile and malformed request bodies, one row each: name, endpoint, body (JSON text or raw
/// bytes), expected status, and the field the problem must name ("limit" for a 413). Every row
/// is one mutation of a valid body, so the only thing wrong with it is what its name says.
/// </summary>
public static partial class HostileInputCorpus
{
    /// <summary>Replaced, when the case is sent, by the id of a report of the incident under test.</summary>
    public const string ReportIdToken = "$reportId";

    /// <summary>Replaced, when the case is sent, by the id of that report's fact.</summary>
    public const string FactIdToken = "$factId";

    /// <summary>Future dates are filled in when the case is sent, so they are still ahead however long ago the corpus was enumerated.</summary>
    public const string DayPastToleranceToken = "$dayPastTolerance";

    public const string HourPastToleranceToken = "$hourPastTolerance";

    public const int BodyLimit = 256 * 1024;

    /// <summary>The placeholder a builder swaps for raw JSON text, which a JsonNode cannot hold (NaN, 1e400, deep nesting).</summary>
    private const string Slot = "@slot@";

    public static IEnumerable<object[]> Cases => [.. Malformed, .. Numbers, .. Dates, .. Oversized, .. BadText, .. Spoofing];

    public const string ValidIncident = """{"title":"Carcassonne and Trèbes attacks","occurredOn":"2018-03-23","country":"FR","place":"Carcassonne and Trèbes, Aude","summary":"A gunman takes hostages in a supermarket."}""";

    public const string ValidReport = """{"source":{"name":"Agence Test","kind":"news","reliability":"B"},"title":"Report by Agence Test","url":"https://example.org/report","publishedAt":"2018-03-24","credibility":2,"facts":[{"type":"casualties","killed":4}]}""";

    /// <summary>Withdraws the whole report under test; 2018-03-25 follows its publication on 2018-03-24.</summary>
    public const string ValidRetraction = """{"reportId":"$reportId","kind":"withdrawn-by-source","reason":"The outlet withdrew the story.","publishedAt":"2018-03-25"}""";

    public const string ValidAdjudication = """{"category":"killed","value":4,"rationale":"The prefecture's final figure."}""";

    public static string DayPastTolerance(DateTimeOffset now) =>
        (now + Limits.FutureTolerance + TimeSpan.FromDays(1)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string HourPastTolerance(DateTimeOffset now) =>
        (now + Limits.FutureTolerance + TimeSpan.FromHours(1)).ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);

    private static object[] Case(string name, WriteEndpoint endpoint, object body, string field, int status = 400) =>
        [name, endpoint, body, status, field];

    private static object[] TooLarge(string name, WriteEndpoint endpoint, object body) => Case(name, endpoint, body, "limit", 413);

    private static string Incident(Action<JsonObject> change) => Change(ValidIncident, change);

    /// <summary>The valid incident with <paramref name="field"/> set to raw JSON text.</summary>
    private static string Incident(string field, string json) => Raw(Incident(i => i[field] = Slot), json);

    private static string Report(Action<JsonObject> change) => Change(ValidReport, change);

    private static string Report(string field, string json) => Raw(Report(r => r[field] = Slot), json);

    private static string Source(string field, string json) => Raw(Report(r => r["source"]![field] = Slot), json);

    /// <summary>The valid report with <paramref name="fact"/> (raw JSON text) as its only fact.</summary>
    private static string Fact(string fact) => Facts($"[{fact}]");

    private static string Facts(string facts) => Raw(Report(r => r["facts"] = Slot), facts);

    private static string Retraction(Action<JsonObject> change) => Change(ValidRetraction, change);

    private static string Retraction(string field, string json) => Raw(Retraction(r => r[field] = Slot), json);

    private static string Adjudication(Action<JsonObject> change) => Change(ValidAdjudication, change);

    private static string Adjudication(string field, string json) => Raw(Adjudication(a => a[field] = Slot), json);

    private static string Change(string json, Action<JsonObject> change)
    {
        var body = JsonNode.Parse(json)!.AsObject();
        change(body);
        return body.ToJsonString();
    }

    private static string Raw(string json, string raw) => json.Replace($"\"{Slot}\"", raw, StringComparison.Ordinal);

    /// <summary>JSON text for a string of <paramref name="length"/> characters.</summary>
    private static string Long(int length) => $"\"{new string('x', length)}\"";

    private static string Nested(int depth, string inner = "1") => new string('[', depth) + inner + new string(']', depth);

    private static string NestedObjects(int depth) =>
        string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

    /// <summary>The UTF-8 of <paramref name="json"/> with its one <paramref name="marker"/> replaced by <paramref name="bytes"/>.</summary>
    private static byte[] Splice(string json, string marker, params byte[] bytes)
    {
        var at = json.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0 || json.IndexOf(marker, at + 1, StringComparison.Ordinal) >= 0)
        {
            throw new ArgumentException($"'{marker}' must occur exactly once.", nameof(json));
        }

        return [.. Encoding.UTF8.GetBytes(json[..at]), .. bytes, .. Encoding.UTF8.GetBytes(json[(at + marker.Length)..])];
    }

    /// <summary>Pads valid JSON with trailing whitespace to exactly <paramref name="bytes"/> bytes.</summary>
    private static string PadTo(string json, int bytes) => json + new string(' ', bytes - Encoding.UTF8.GetByteCount(json));
}
