using System.Text.Json.Nodes;
using AttackTracker.Domain.Audit;

namespace AttackTracker.Api.Web;

/// <summary>
/// A changed list field (claims, timeline, a perpetrator's values …) as a reader wants it: the
/// entries removed and the entries added, and how many stayed, instead of both lists in full.
/// </summary>
public sealed record ListChange(IReadOnlyList<string> Removed, IReadOnlyList<string> Added, int Unchanged)
{
    /// <summary>The change as removed and added entries; null when neither side is a list.</summary>
    public static ListChange? Of(FieldChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.From is not JsonArray && change.To is not JsonArray)
        {
            return null;
        }

        var before = Entries(change.From);
        var after = Entries(change.To);
        return new ListChange([.. before.Except(after, StringComparer.Ordinal)], [.. after.Except(before, StringComparer.Ordinal)], before.Intersect(after, StringComparer.Ordinal).Count());
    }

    private static List<string> Entries(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => [.. array.Select(Figures.Json)],
        _ => [Figures.Json(node)],
    };
}
