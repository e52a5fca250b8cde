using System.Text.Json.Nodes;

namespace AttackTracker.Api.Tests;

/// <summary>Report bodies as a client would send them, built from JSON text so that a test can break any part.</summary>
public static class ReportBodies
{
    /// <summary>One fact of each of the eleven types, in the order the vocabulary lists them.</summary>
    public const string EveryFactType = """
        [
          { "type": "casualties", "killed": 4, "wounded": { "atLeast": 15 }, "perpetratorsKilled": { "min": 1, "max": 2 }, "hostages": { "atMost": 50 }, "quote": "four people were killed" },
          { "type": "perpetrator", "key": "redouane-lakdim", "name": "Redouane Lakdim", "aliases": ["R. L."], "age": 25, "sex": "male", "nationality": "French Moroccan", "birthplace": "Morocco", "criminalRecord": true, "status": "killed" },
          { "type": "claim", "claimant": "Islamic State", "channel": "Amaq News Agency", "claimedAt": "2018-03-23", "mode": "website-or-social-media" },
          { "type": "attackType", "attackTypes": ["armed-assault", "hostage-taking-barricade"] },
          { "type": "weapon", "weaponType": "firearms", "detail": "handgun" },
          { "type": "target", "targetType": "business", "detail": "supermarket in Trèbes" },
          { "type": "location", "role": "hostage-taking", "place": "supermarket", "city": "Trèbes", "region": "Aude", "country": "FR", "lat": 43.2105, "lon": 2.4422 },
          { "type": "timeline", "at": "2018-03-23T10:00+01:00", "approximate": true, "description": "The gunman enters the supermarket.", "place": "Supermarket, Trèbes" },
          { "type": "person", "key": "arnaud-beltrame", "name": "Arnaud Beltrame", "role": "gendarmerie officer", "status": "killed", "description": "Took the place of a hostage." },
          { "type": "demand", "text": "Release of Salah Abdeslam" },
          { "type": "note", "text": "The attacker acted alone." }
        ]
        """;

    public static readonly string[] FactTypes =
        ["casualties", "perpetrator", "claim", "attackType", "weapon", "target", "location", "timeline", "person", "demand", "note"];

    /// <summary>A valid report; <paramref name="facts"/> is the JSON array of its facts.</summary>
    public static JsonObject Report(string facts, string source = "Agence Test", string publishedAt = "2018-03-24", string? reliability = "B") =>
        new()
        {
            ["source"] = reliability is null
                ? new JsonObject { ["name"] = source, ["kind"] = "news" }
                : new JsonObject { ["name"] = source, ["kind"] = "news", ["reliability"] = reliability },
            ["title"] = $"Report by {source}",
            ["url"] = "https://example.org/report",
            ["publishedAt"] = publishedAt,
            ["credibility"] = 2,
            ["facts"] = JsonNode.Parse(facts),
        };

    public static JsonObject Note(string text, string source = "Agence Test", string publishedAt = "2018-03-24", string? reliability = "B") =>
        Report(new JsonArray(new JsonObject { ["type"] = "note", ["text"] = text }).ToJsonString(), source, publishedAt, reliability);

    public static JsonObject Casualties(string killed, string source = "Agence Test", string publishedAt = "2018-03-24") =>
        Report($$"""[{ "type": "casualties", "killed": {{killed}} }]""", source, publishedAt);
}
