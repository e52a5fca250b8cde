using System.Text;
using AttackTracker.Domain.Sources;

namespace AttackTracker.Domain.Statistics;

/// <summary>
/// A perpetrator group's slug: its name matched as sources are (<see cref="SourceNames.Normalize"/>:
/// case, accents and spacing ignored), with every run of other characters than letters and digits
/// made one hyphen. A remark in brackets is not part of the name: "Islamic State", "islamic  state",
/// "Islamic-State" and "Islamic State (swore allegiance in a video)" are one group.
/// </summary>
public static class GroupNames
{
    public static string Slug(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var normalized = SourceNames.Normalize(Display(name));
        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().TrimEnd('-');
    }

    /// <summary>The name without its bracketed remarks ("al Qaeda in the Arabian Peninsula (AQAP)" is "al Qaeda in the Arabian Peninsula"); the name itself when nothing is left.</summary>
    public static string Display(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        var depth = 0;
        foreach (var c in name)
        {
            if (c is '(' or '[')
            {
                depth++;
            }
            else if (c is ')' or ']')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0)
            {
                builder.Append(c);
            }
        }

        var display = string.Join(' ', builder.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return display.Length > 0 ? display : name.Trim();
    }
}
