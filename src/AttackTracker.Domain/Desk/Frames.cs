using System.Text.RegularExpressions;

namespace AttackTracker.Domain.Desk;

/// <summary>
/// Which attack a passage is about. The article's attack is the one its lead dates; a passage is
/// about another attack when the nearest date before or around it is earlier than that (a year, a
/// month, a day), or when it says so ("a similar raid", "last month"). The other attack's frame
/// holds to the end of its paragraph, since the sentences after "In Nov. 2015, …" go on about it.
/// </summary>
internal sealed partial class Frames
{
    private static readonly HashSet<string> ReportingWords = new(
        ("trial court opened opens gathered gather remember remembered memorial ceremony anniversary announced "
        + "released claimed claim published updated hearing statement posted charged appear appeared sentenced jailed reopened "
        + "mourning funeral march held").Split(' '),
        StringComparer.Ordinal);

    private readonly Article _article;
    private readonly List<(int Position, bool Other, bool Whole)>[] _markers;
    private readonly bool[] _inherits;

    public Frames(Article article, IReadOnlyList<DateMention> dates)
    {
        _article = article;
        AttackDate = Choose(article, dates);
        _markers = [.. article.Sentences.Select(_ => new List<(int, bool, bool)>())];
        // "since 2014" dates a state of things, not an attack; so does a date far from any word of an attack
        // ("who had been dismissed from the factory in February"), unless it opens the sentence ("In Nov. 2015, …").
        foreach (var date in dates.Where(d => !d.InDateline && d.Form != DateForm.Relative && !Since().IsMatch(article.Slice(d.Sentence.Start, d.Start)) && DatesAnEvent(d)))
        {
            _markers[date.Sentence.Index].Add((date.Start, IsEarlier(date, article.PublishedAt), IsAdverbial(article, date)));
        }

        foreach (var sentence in article.Sentences)
        {
            var text = article.Slice(sentence.BodyStart, sentence.End);
            var lookBacks = article.PublishedAt is null ? LastMonthOrYear().Matches(text) : Enumerable.Empty<Match>();
            foreach (Match m in OtherAttack().Matches(text).Concat(Retrospective().Matches(text)).Concat(lookBacks))
            {
                _markers[sentence.Index].Add((sentence.BodyStart + m.Index, true, true));
            }

            _markers[sentence.Index].Sort();
        }

        _inherits = new bool[article.Sentences.Count];
        for (var i = 1; i < article.Sentences.Count; i++)
        {
            var previous = article.Sentences[i - 1];
            // Only a date that frames its whole sentence ("In Nov. 2015, …") carries on into the next one.
            var whole = _markers[i - 1].Where(m => m.Whole).ToList();
            var trailing = whole.Count > 0 ? whole[^1].Other : _inherits[i - 1];
            _inherits[i] = previous.Paragraph == article.Sentences[i].Paragraph && trailing;
        }
    }

    /// <summary>The date of the article's attack, when the text gives one.</summary>
    public DateMention? AttackDate { get; }

    /// <summary>Whether the passage at this offset is about another attack than the article's.</summary>
    public AttackReference At(int offset)
    {
        var sentence = _article.SentenceAt(offset);
        // A date inside a noun phrase ("the November 2015 Paris attacks") speaks for what follows it, not for the words before.
        var markers = _markers[sentence.Index].Where(m => m.Whole || m.Position <= offset).ToList();
        if (markers.Count == 0)
        {
            return _inherits[sentence.Index] ? AttackReference.Other : AttackReference.This;
        }

        // The nearest marker wins; one before the passage wins a tie, since a date usually leads its clause.
        var nearest = markers.MinBy(m => m.Position <= offset ? offset - m.Position : (m.Position - offset) * 2);
        return nearest.Other ? AttackReference.Other : AttackReference.This;
    }

    /// <summary>A date that opens the sentence or follows "on", "in", "during": it dates the sentence's event, not a noun.</summary>
    private static bool IsAdverbial(Article article, DateMention date)
    {
        var before = article.Slice(date.Sentence.BodyStart, date.Start).TrimEnd();
        // "On Bastille Day (July 14), 2016, …": a date in brackets stands for the phrase it glosses.
        var bracketed = before.EndsWith('(');
        before = before.TrimEnd('(').TrimEnd();
        return before.Length == 0 || OpeningPhrase().IsMatch(before) || (!bracketed && AdverbialLead().IsMatch(before));
    }

    private static bool DatesAnEvent(DateMention date)
    {
        var words = date.Sentence.Body.Where(t => t.IsWord).ToList();
        var at = words.Count(t => t.End <= date.Start);
        var after = words.Count(t => t.Start < date.End);
        return at <= 3 || words.Where((t, i) => (i >= at - 11 && i < at) || (i >= after && i < after + 11)).Any(t => Lexicon.EventWords.Contains(t.Bare));
    }

    /// <summary>Earlier than the attack; without a date for it, more than two weeks before the publication.</summary>
    private bool IsEarlier(DateMention date, DateOnly? published)
    {
        if (ReferenceEquals(date, AttackDate))
        {
            return false;
        }

        var reference = AttackDate?.From.AddDays(-1) ?? published?.AddDays(-14);
        return reference is { } from && date.To < from;
    }

    /// <summary>
    /// The attack's date: a date in the lead next to words of the attack, not next to words of a
    /// later event (a trial, a memorial, a statement). A day written out beats a weekday, which beats
    /// a month or a year; without any, the publication date stands for an attack reported the same week.
    /// </summary>
    private static DateMention? Choose(Article article, IReadOnlyList<DateMention> dates)
    {
        DateMention? best = null;
        var bestScore = int.MinValue;
        foreach (var date in dates.Where(d => !d.InDateline && d.Form is not (DateForm.YearsAgo or DateForm.Period)))
        {
            var words = date.Sentence.Tokens.Where(t => t.IsWord).ToList();
            var at = words.Count(t => t.End <= date.Start);
            var after = words.Count(t => t.Start < date.End);
            var near = Words(words, at - 6, at).Concat(Words(words, after, after + 6)).Any(Lexicon.AttackWords.Contains);
            var reporting = Words(words, at - 3, at).Concat(Words(words, after, after + 3)).Any(ReportingWords.Contains);
            if (!near && !date.Sentence.Tokens.Any(t => Lexicon.AttackWords.Contains(t.Bare)))
            {
                continue;
            }

            var score = date.Form switch { DateForm.Day => 6, DateForm.Relative => 5, DateForm.Month => 2, _ => 0 }
                + (near ? 2 : 0) + (date.Sentence.Index <= 5 ? 1 : 0) - (reporting ? 3 : 0)
                - (OtherAttack().IsMatch(article.Slice(date.Sentence.Start, date.Sentence.End)) ? 3 : 0);
            if (score > bestScore)
            {
                (best, bestScore) = (date, score);
            }
        }

        return best;
    }

    private static IEnumerable<string> Words(List<Token> words, int from, int to)
    {
        for (var i = Math.Max(0, from); i < Math.Min(words.Count, to); i++)
        {
            yield return words[i].Bare;
        }
    }

    [GeneratedRegex(@"\b(?:on|in|during|at|by|en|le|el|the\s+night\s+of|the\s+morning\s+of|the\s+evening\s+of)$", RegexOptions.IgnoreCase)]
    private static partial Regex AdverbialLead();

    [GeneratedRegex(@"^(?:Then,\s+)?(?:On|In|During|At|By|Early|Late)\b[^,.;()]{0,30}$")]
    private static partial Regex OpeningPhrase();

    [GeneratedRegex(@"\b(?:since|depuis|desde)\s+(?:(?:early|late|mid-?)\s*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Since();

    [GeneratedRegex(@"\b(?:(?:previous|earlier|similar|prior|past)\s+(?:\w+\s+)?(?:attacks?|raids?|bombings?|shootings?|assaults?|blasts?|massacres?|incidents?)|a\s+string\s+of\s+attacks|a\s+wave\s+of\s+attacks)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OtherAttack();

    [GeneratedRegex(@"\blast\s+(?:month|year)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LastMonthOrYear();

    /// <summary>"In the past six months, …": a look back frames its sentence only when it opens it.</summary>
    [GeneratedRegex(@"^(?:(?:In|Over|During)\s+(?:the\s+)?(?:past|last|recent)\s+(?:\w+\s+)?(?:months|years|weeks|decades)|(?:A|One|Two|Three|Four|Five|Ten|\d+)\s+(?:years?|months?|decades?)\s+(?:earlier|before))\b")]
    private static partial Regex Retrospective();
}
