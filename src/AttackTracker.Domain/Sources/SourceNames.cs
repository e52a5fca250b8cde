using System.Globalization;
using System.Text;

namespace AttackTracker.Domain.Sources;

/// <summary>Sources are matched by name, ignoring case, accents and spacing.</summary>
public static class SourceNames
{
    private static readonly Guid Namespace = new("5b1f3c1e-8f0a-4e52-9d55-2b6f0c7a9e11");

    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var decomposed = name.Trim().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var lastWasSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            lastWasSpace = false;
            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>A source's id comes from its normalized name, so two reports naming a new source at once agree on it without a lookup.</summary>
    public static Guid IdFor(string name) => StableId.For(Namespace, Normalize(name));
}
