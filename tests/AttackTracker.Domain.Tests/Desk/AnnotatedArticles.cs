using System.Globalization;
using System.Text.Json;
using AttackTracker.Domain.Desk;

namespace AttackTracker.Domain.Tests.Desk;

/// <summary>A fact of an article's hand-made annotation (Desk/Articles/README.md), its passages located in the text.</summary>
internal sealed record AnnotatedFact(string Kind, string Key, IReadOnlyList<Passage> Passages, string Attack);

internal sealed record AnnotatedArticle(string Name, string Text, string Split, string Language, DateOnly? PublishedAt, IReadOnlyList<AnnotatedFact> Facts);

/// <summary>Loads the evaluation set copied next to the tests.</summary>
internal static class AnnotatedArticles
{
    private static readonly Lazy<IReadOnlyList<AnnotatedArticle>> Loaded = new(Load);

    public static IReadOnlyList<AnnotatedArticle> All => Loaded.Value;

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Desk", "Articles");

    private static List<AnnotatedArticle> Load() =>
        [.. System.IO.Directory.GetFiles(Directory, "*.json").Order(StringComparer.Ordinal).Select(Read)];

    private static AnnotatedArticle Read(string path)
    {
        var text = File.ReadAllText(Path.ChangeExtension(path, ".txt"));
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var root = json.RootElement;
        var published = root.TryGetProperty("publishedAt", out var p) ? DateOnly.Parse(p.GetString()!, CultureInfo.InvariantCulture) : (DateOnly?)null;
        var facts = root.GetProperty("facts").EnumerateArray().Select(f => Fact(f, text, path)).ToList();
        return new AnnotatedArticle(Path.GetFileNameWithoutExtension(path), text, root.GetProperty("split").GetString()!, root.GetProperty("language").GetString()!, published, facts);
    }

    private static AnnotatedFact Fact(JsonElement f, string text, string path)
    {
        var kind = f.GetProperty("kind").GetString()!;
        var passages = f.TryGetProperty("passages", out var many)
            ? many.EnumerateArray().Select(e => e.GetString()!).ToList()
            : [f.GetProperty("passage").GetString()!];
        var located = passages.Select(p =>
        {
            var at = text.IndexOf(p, StringComparison.Ordinal);
            if (at < 0 || text.IndexOf(p, at + 1, StringComparison.Ordinal) >= 0)
            {
                throw new InvalidDataException($"{Path.GetFileName(path)}: the passage '{p}' must occur exactly once.");
            }

            return Passage.Of(text, at, at + p.Length);
        }).ToList();
        var attack = f.TryGetProperty("attack", out var a) ? a.GetString()! : "this";
        return new AnnotatedFact(EvaluationKind(kind, attack), Key(kind, f, attack), located, attack);
    }

    /// <summary>Figures of other attacks are scored together, as their own kind; other kinds only for this attack.</summary>
    public static string EvaluationKind(string kind, string attack) =>
        kind is "killed" or "wounded" && attack == "other" ? "other-toll" : kind;

    private static string Key(string kind, JsonElement f, string attack)
    {
        string S(string name) => f.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.ToString() : "-";
        return kind switch
        {
            "killed" or "wounded" when attack == "other" => Keys.OtherToll(kind, int.Parse(S("value"), CultureInfo.InvariantCulture), Max(S("max")), S("qualifier")),
            "killed" or "wounded" => Keys.Figure(int.Parse(S("value"), CultureInfo.InvariantCulture), Max(S("max")), S("qualifier"), S("scope")),
            "claim" => Keys.Claim(S("value"), S("channel")),
            "person" => Keys.Person(S("value"), S("status")),
            _ => Keys.Text(S("value")),
        };
    }

    private static int? Max(string text) => text == "-" ? null : int.Parse(text, CultureInfo.InvariantCulture);
}

/// <summary>The value a suggestion and an annotation are compared on, per kind (docs/desk.md, "The matching rule").</summary>
internal static class Keys
{
    public static string Figure(int value, int? max, string qualifier, string scope) => $"{value}|{max}|{qualifier}|{scope}";

    public static string OtherToll(string kind, int value, int? max, string qualifier) => $"{kind}|{value}|{max}|{qualifier}";

    public static string Claim(string claimant, string channel) => $"{Text(claimant)}|{channel}";

    public static string Person(string name, string status) => $"{Text(name)}|{status}";

    public static string Text(string value) => AttackTracker.Domain.Sources.SourceNames.Normalize(value);

    public static string Of(Suggestion s) => s.Value switch
    {
        SuggestedFigure f when s.Attack == AttackReference.Other => OtherToll(Camel(s.Kind.ToString()), f.Number, f.Max, Camel(f.Qualifier.ToString())),
        SuggestedFigure f => Figure(f.Number, f.Max, Camel(f.Qualifier.ToString()), Camel(f.Scope.ToString())),
        SuggestedClaim c => Claim(c.Claimant, c.Channel is { } channel ? Kebab(channel.ToString()) : "-"),
        SuggestedPerson p => Person(p.Name, Camel(p.Status.ToString())),
        SuggestedPerpetrator { Age: { } age } => Text(age.ToString(CultureInfo.InvariantCulture)),
        SuggestedPerpetrator { Nationality: { } nationality } when s.Kind == SuggestionKind.PerpetratorNationality => Text(nationality),
        SuggestedPerpetrator p => Text(p.Name ?? "-"),
        SuggestedDate d => Text(d.At.ToString()),
        SuggestedPlace p => Text(p.Name),
        SuggestedAttackType a => Text(Kebab(a.Type.ToString())),
        SuggestedWeapon w => Text(Kebab(w.Type.ToString())),
        _ => "-",
    };

    public static string Camel(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);

    public static string Kebab(string name) => JsonNamingPolicy.KebabCaseLower.ConvertName(name);
}
