using System.Text.RegularExpressions;

namespace AttackTracker.Domain.Desk;

/// <summary>
/// Claims of responsibility: a claim word ("claimed responsibility", "claimed the attack", "a
/// claim of responsibility", "was one of its soldiers", "revendiqué", "reivindicó") with a group
/// before it (its subject) or after "by". A denial or a missing claim ("No group has claimed",
/// "denied any involvement", "n'a pas été revendiquée") is not a claim. The channel is read in the
/// claim's sentence or the next one: Amaq or another agency, a video, social media, a statement.
/// </summary>
internal static partial class ClaimReader
{
    public static IEnumerable<Suggestion> Suggest(Article article, Frames frames)
    {
        var found = new List<Suggestion>();
        for (var i = 0; i < article.Sentences.Count; i++)
        {
            var sentence = article.Sentences[i];
            var text = article.Slice(sentence.BodyStart, sentence.End);
            var claim = ClaimWords().Match(text);
            if (!claim.Success || Negated().IsMatch(text[..claim.Index]) || NegatedAfter().IsMatch(text[claim.Index..]))
            {
                continue;
            }

            var groups = GroupAliases.Find(text).ToList();
            var claimant = groups.Where(g => g.Index < claim.Index).Select(g => ((string, int, int, string)?)g).FirstOrDefault()
                ?? groups.Where(g => g.Index > claim.Index).Select(g => ((string, int, int, string)?)g).FirstOrDefault()
                ?? Unknown(text, claim.Index)
                ?? Agency(text);
            if (claimant is not var (canonical, index, length, written))
            {
                continue;
            }

            var next = i + 1 < article.Sentences.Count ? article.Sentences[i + 1] : null;
            var (channel, channelWritten) = Channel(text);
            if (channel is null && next is not null && next.Paragraph - sentence.Paragraph <= 1)
            {
                var following = article.Slice(next.BodyStart, next.End);
                if (GroupAliases.Find(following).Any(g => g.Canonical == canonical) || Refers().IsMatch(following))
                {
                    (channel, channelWritten) = Channel(following);
                }
            }

            var start = sentence.BodyStart + Math.Min(index, claim.Index);
            var end = sentence.BodyStart + Math.Max(index + length, claim.Index + claim.Length);
            var value = new SuggestedClaim(canonical, written, channel, channelWritten);
            found.Add(new Suggestion(SuggestionKind.Claim, value, Passage.Of(article.Text, start, end), channel is null ? 0.75 : 0.85, frames.At(sentence.BodyStart + claim.Index)));
        }

        // One claim per claimant and attack; a channel found in any mention completes the first.
        return found
            .GroupBy(s => (((SuggestedClaim)s.Value).Claimant, s.Attack))
            .Select(g =>
            {
                var first = g.First();
                var withChannel = g.FirstOrDefault(s => ((SuggestedClaim)s.Value).Channel is not null);
                var value = withChannel is null ? (SuggestedClaim)first.Value : (SuggestedClaim)first.Value with
                {
                    Channel = ((SuggestedClaim)withChannel.Value).Channel,
                    ChannelAsWritten = ((SuggestedClaim)withChannel.Value).ChannelAsWritten,
                };
                return first with { Value = value, Confidence = Math.Min(0.95, g.Max(s => s.Confidence) + (0.05 * (g.Count() - 1))) };
            });
    }

    /// <summary>A group the table does not know: the capitalized name just before the claim word ("The Freedom Front, a separatist group, claimed").</summary>
    private static (string, int, int, string)? Unknown(string text, int claimAt)
    {
        var match = UnknownClaimant().Match(text[..claimAt]);
        if (!match.Success)
        {
            return null;
        }

        var name = match.Groups["name"];
        var display = Statistics.GroupNames.Display(name.Value);
        display = display.StartsWith("The ", StringComparison.Ordinal) ? display[4..] : display;
        return (display, name.Index, name.Length, name.Value);
    }

    /// <summary>A claim through Amaq or Nashir, or by a "soldier of the caliphate", without the group's name: these are the Islamic State's.</summary>
    private static (string, int, int, string)? Agency(string text)
    {
        var m = IslamicStateOutlet().Match(text);
        return m.Success ? ("Islamic State", m.Index, m.Length, m.Value) : null;
    }

    private static (ClaimChannel?, string?) Channel(string text)
    {
        if (Amaq().Match(text) is { Success: true } amaq)
        {
            return (ClaimChannel.NewsAgency, amaq.Value.StartsWith("Amaq", StringComparison.OrdinalIgnoreCase) ? "Amaq News Agency" : amaq.Value);
        }

        foreach (var (pattern, channel) in new[] { (Video(), ClaimChannel.Video), (Social(), ClaimChannel.SocialMedia), (Statement(), ClaimChannel.Statement), (Radio(), ClaimChannel.Other) })
        {
            if (pattern.Match(text) is { Success: true } m)
            {
                return (channel, m.Value);
            }
        }

        return (null, null);
    }

    [GeneratedRegex(@"\bclaim(?:ed|s|ing)?\s+(?:of\s+)?(?:responsibility|credit)\b|\bclaimed\s+(?:the|its|this|that)\s+(?:attack|attacks|bombing|assault|killing|killings|slayings|shooting|operation|raid)\b|\bclaim\s+of\s+responsibility\b|\btook\s+responsibility\b|\bsaid\s+(?:it|that\s+it)\s+(?:had\s+)?(?:carried\s+out|was\s+behind)\b|\bsaid\b[^.;]{0,80}?\bthat\s+(?:it|they)\s+(?:had\s+)?(?:carried\s+out|planted|detonated|staged|launched|was\s+behind|were\s+behind)\b|\b(?:said|saying)\s+(?:that\s+)?(?:its|their|one\s+of\s+its|one\s+of\s+their)\s+(?:fighters?|militants?|members?|soldiers?|men)\s+(?:had\s+)?(?:carried\s+(?:it\s+)?out|staged|launched)\b|\b(?:was|were)\s+(?:one\s+of\s+its|a|its)\s+soldiers?\b|\bsoldier\s+of\s+the\s+(?:Islamic\s+State|caliphate)\b|\brevendiqu\w*|\breivindic\w*", RegexOptions.IgnoreCase)]
    private static partial Regex ClaimWords();

    [GeneratedRegex(@"(?:\b(?:no|not|never|yet\s+to|without|denied|denies|deny|n['’]a\s+pas|n['’]ont\s+pas|ne\s+\w+\s+pas|ningún|ninguna|no\s+ha)\b[^.;]{0,60}$|\bno\s+(?:\w+\s+){0,2}$)", RegexOptions.IgnoreCase)]
    private static partial Regex Negated();

    [GeneratedRegex(@"^\w*\s+(?:pas|not)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NegatedAfter();

    [GeneratedRegex(@"\b(?:its|the\s+group['’]s|the\s+group|son|su)\b|\bAmaq\b", RegexOptions.IgnoreCase)]
    private static partial Regex Refers();

    [GeneratedRegex(@"\bAmaq(?:\s+[Nn]ews)?(?:\s+[Aa]gency)?\b|\bNashir(?:\s+[Nn]ews)?(?:\s+[Aa]gency)?\b|\bthrough\s+its\s+\w+\s+agency\b", RegexOptions.IgnoreCase)]
    private static partial Regex Amaq();

    [GeneratedRegex(@"\b(?:Amaq|Nashir|caliphate)\b", RegexOptions.IgnoreCase)]
    private static partial Regex IslamicStateOutlet();

    [GeneratedRegex(@"\b(?:video|vidéo|vídeo|footage)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Video();

    [GeneratedRegex(@"\b(?:Telegram|Twitter|Facebook|social\s+media|réseaux\s+sociaux|redes\s+sociales|website|online|post\s+on\s+X|on\s+X\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Social();

    [GeneratedRegex(@"\b(?:statement|communiqué|comunicado|press\s+release)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Statement();

    [GeneratedRegex(@"\b(?:radio|phone\s+call|telephone|letter)\b[\w ]{0,20}", RegexOptions.IgnoreCase)]
    private static partial Regex Radio();

    [GeneratedRegex(@"(?<name>(?:\p{Lu}[\p{L}'’-]+\s+){1,5}\([A-Z]{2,6}\)|(?:\p{Lu}[\p{L}'’-]+\s+){0,4}\p{Lu}[\p{L}'’-]+)(?:,[^,]{1,60},)?\s+(?:has\s+|have\s+|had\s+)?$")]
    private static partial Regex UnknownClaimant();
}
