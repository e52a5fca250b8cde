using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Incidents;

namespace AttackTracker.Domain.Audit;

/// <summary>One field that changed: its path in the view, and its value before and after (null when absent).</summary>
public sealed record FieldChange(
    string Path,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] JsonNode? From,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] JsonNode? To);

/// <summary>
/// Compares two views field by field. Paths are stable: list entries are addressed by their key
/// (a person's key, a category's name), never by position, and lists of attested values
/// (claims, weapons, timeline …) compare as the set of their values.
/// </summary>
public static class ViewDiff
{
    public static IReadOnlyList<FieldChange> Between(IncidentView? before, IncidentView after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var from = before is null ? new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal) : Flatten(before);
        var to = Flatten(after);
        return [.. from.Keys.Union(to.Keys).Order(StringComparer.Ordinal)
            .Select(path => new FieldChange(path, from.GetValueOrDefault(path), to.GetValueOrDefault(path)))
            .Where(c => !JsonNode.DeepEquals(c.From, c.To))];
    }

    public static SortedDictionary<string, JsonNode?> Flatten(IncidentView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var fields = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        void Set(string path, JsonNode? value)
        {
            if (value is not null)
            {
                fields[path] = value;
            }
        }

        Set("title", view.Title);
        Set("occurredOn", view.OccurredOn?.ToString());
        Set("country", view.Country);
        Set("place", view.Place);
        Set("summary", view.Summary);
        Set("reportCount", view.ReportCount);
        foreach (var (name, figure) in Categories(view.Casualties))
        {
            if (figure is null)
            {
                continue;
            }

            Set($"casualties.{name}.low", figure.Low);
            Set($"casualties.{name}.best", figure.Best);
            Set($"casualties.{name}.high", figure.High);
            Set($"casualties.{name}.status", JsonSerializer.SerializeToNode(figure.Status, IncidentJson.Options));
            Set($"casualties.{name}.rationale", figure.Rationale);
            Set($"casualties.{name}.reports", figure.Reports.Count);
        }

        foreach (var profile in view.Perpetrators)
        {
            var root = $"perpetrators.{profile.Key}";
            Set($"{root}.name", profile.Name);
            Set($"{root}.conflicting", profile.Conflicting);
            foreach (var (attribute, values) in profile.Attributes)
            {
                Set($"{root}.{attribute}", Values(values.Values.Select(v => v.Value)));
            }
        }

        foreach (var person in view.People)
        {
            var root = $"people.{person.Key}";
            Set($"{root}.name", person.Name);
            Set($"{root}.status", JsonSerializer.SerializeToNode(person.Status, IncidentJson.Options));
            Set($"{root}.roles", Values(person.Roles.Select(r => (object)r.Value)));
        }

        SetList("claims", view.Claims.Select(c => Describe(c.Value.Claimant, c.Value.Channel, c.Value.ClaimedAt?.ToString(), Enum(c.Value.Mode))));
        SetList("attackTypes", view.AttackTypes.Select(a => Enum(a.Value)!));
        SetList("weapons", view.Weapons.Select(w => Describe(Enum(w.Value.WeaponType), w.Value.Detail)));
        SetList("targets", view.Targets.Select(t => Describe(Enum(t.Value.TargetType), t.Value.Detail)));
        SetList("locations", view.Locations.Select(l => Describe(
            l.Value.Role, l.Value.Place, l.Value.City, l.Value.Region, l.Value.Country,
            l.Value.Lat is { } lat ? lat.ToString(CultureInfo.InvariantCulture) : null,
            l.Value.Lon is { } lon ? lon.ToString(CultureInfo.InvariantCulture) : null)));
        SetList("demands", view.Demands.Select(d => d.Value));
        SetList("notes", view.Notes.Select(n => n.Value));
        SetList("timeline", view.Timeline.Select(t => Describe(t.At.ToString(), t.Description, t.Place)));
        foreach (var source in view.Sources)
        {
            Set($"sources.{source.Name}.reliability", JsonSerializer.SerializeToNode(source.Reliability, IncidentJson.Options));
            Set($"sources.{source.Name}.reportCount", source.ReportCount);
        }

        return fields;

        void SetList(string path, IEnumerable<string> values)
        {
            var list = values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (list.Count > 0)
            {
                Set(path, new JsonArray([.. list.Select(v => (JsonNode)JsonValue.Create(v)!)]));
            }
        }
    }

    /// <summary>Keeps the changes under <paramref name="prefix"/> ("casualties.killed" matches casualties.killed.best, not casualties.killedX).</summary>
    public static IReadOnlyList<FieldChange> Under(IReadOnlyList<FieldChange> changes, string? prefix) =>
        prefix is null
            ? changes
            : [.. changes.Where(c => c.Path == prefix || c.Path.StartsWith(prefix + ".", StringComparison.Ordinal))];

    private static IEnumerable<(string Name, CasualtyFigure? Figure)> Categories(CasualtiesView casualties) =>
    [
        ("killed", casualties.Killed),
        ("wounded", casualties.Wounded),
        ("perpetratorsKilled", casualties.PerpetratorsKilled),
        ("perpetratorsWounded", casualties.PerpetratorsWounded),
        ("hostages", casualties.Hostages),
    ];

    private static JsonArray Values(IEnumerable<object> values) =>
        new([.. values.Select(v => JsonSerializer.SerializeToNode(v, v.GetType(), IncidentJson.Options))]);

    private static string? Enum(object? value) =>
        value is null ? null : JsonSerializer.SerializeToNode(value, value.GetType(), IncidentJson.Options)!.GetValue<string>();

    private static string Describe(params string?[] parts) => string.Join(" | ", parts.Where(p => !string.IsNullOrEmpty(p)));
}
