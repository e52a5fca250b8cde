using System.Text.RegularExpressions;
using AttackTracker.Domain.Reports;

namespace AttackTracker.Domain.Desk;

/// <summary>
/// Attack and weapon types as the Global Terrorism Database codes them, where the words say so:
/// a shooting or a stabbing is an armed assault, a vehicle driven into a crowd an unarmed assault
/// (GTD's rule: no firearm, explosive or blade), an explosion a bombing, hostages held in a place a
/// barricade incident, arson an attack on a facility. A weapon later said to be a replica is a fake
/// weapon. Each type is suggested once, with its most telling passage: a named weapon ("a pistol")
/// before a verb ("opened fire") before a noun for the act ("shooting"), a sentence before a headline.
/// </summary>
internal static partial class TypeReader
{
    private const string Vehicle = @"(?:truck|van|lorry|car|vehicle|pickup|bus)";

    /// <summary>The perpetrator being shot by the police is not the attack's weapon.</summary>
    private const string NotByPolice = @"(?![^.;,]{0,30}\bby\s+(?:the\s+|a\s+)?(?:police|officers?|soldiers?|security\s+forces|gendarmes?|troops|special\s+forces|policemen))";

    private static readonly (Regex Pattern, Func<string, SuggestedValue> Value, int Rank)[] Rules =
    [
        (ShootingVerb(), _ => new SuggestedAttackType(AttackType.ArmedAssault), 0),
        (StabbingVerb(), _ => new SuggestedAttackType(AttackType.ArmedAssault), 0),
        (ArmedWith(), _ => new SuggestedAttackType(AttackType.ArmedAssault), 0),
        (ShootingNoun(), _ => new SuggestedAttackType(AttackType.ArmedAssault), 1),
        (Gunmen(), _ => new SuggestedAttackType(AttackType.ArmedAssault), 2),
        (Bombing(), _ => new SuggestedAttackType(AttackType.BombingExplosion), 0),
        (HostageTaking(), _ => new SuggestedAttackType(AttackType.HostageTakingBarricade), 0),
        (Barricade(), _ => new SuggestedAttackType(AttackType.HostageTakingBarricade), 0),
        (Siege(), _ => new SuggestedAttackType(AttackType.HostageTakingBarricade), 1),
        (Hostage(), _ => new SuggestedAttackType(AttackType.HostageTakingBarricade), 2),
        (Kidnapping(), _ => new SuggestedAttackType(AttackType.HostageTakingKidnapping), 0),
        (Hijacking(), _ => new SuggestedAttackType(AttackType.Hijacking), 0),
        (Arson(), _ => new SuggestedAttackType(AttackType.FacilityInfrastructureAttack), 0),
        (Ramming(), _ => new SuggestedAttackType(AttackType.UnarmedAssault), 0),
        (Assassination(), _ => new SuggestedAttackType(AttackType.Assassination), 0),
        (Firearm(), w => new SuggestedWeapon(WeaponType.Firearms, w), 0),
        (ShootingVerb(), w => new SuggestedWeapon(WeaponType.Firearms, w), 1),
        (ShootingNoun(), w => new SuggestedWeapon(WeaponType.Firearms, w), 2),
        (Gunmen(), w => new SuggestedWeapon(WeaponType.Firearms, w), 2),
        (Blade(), w => new SuggestedWeapon(WeaponType.Melee, w), 0),
        (StabbingVerb(), w => new SuggestedWeapon(WeaponType.Melee, w), 1),
        (Explosive(), w => new SuggestedWeapon(WeaponType.Explosives, w), 0),
        (Bombing(), w => new SuggestedWeapon(WeaponType.Explosives, w), 1),
        (Arson(), w => new SuggestedWeapon(WeaponType.Incendiary, w), 0),
        (Ramming(), w => new SuggestedWeapon(WeaponType.Vehicle, w), 0),
        (Fake(), w => new SuggestedWeapon(WeaponType.FakeWeapons, w), 0),
        (Chemical(), w => new SuggestedWeapon(WeaponType.Chemical, w), 0),
    ];

    public static IEnumerable<Suggestion> Suggest(Article article, Frames frames)
    {
        var found = new List<(Suggestion Suggestion, int Rank)>();
        foreach (var sentence in article.Sentences)
        {
            var text = article.Slice(sentence.BodyStart, sentence.End);
            var title = sentence.IsHeadline || ".!?”\"".IndexOf(text[^1]) < 0;
            var armed = ArmsUse().IsMatch(text) || sentence.Tokens.Any(t => Lexicon.EventWords.Contains(t.Bare));
            foreach (var (pattern, value, rank) in Rules)
            {
                // A weapon named far from the attack ("his messages revealed orders for a Kalashnikov") is not the attack's.
                if (!armed && (pattern == Firearm() || pattern == Blade() || pattern == Explosive()))
                {
                    continue;
                }

                foreach (Match m in pattern.Matches(text))
                {
                    var start = sentence.BodyStart + m.Index;
                    var kind = value(string.Empty) is SuggestedWeapon ? SuggestionKind.Weapon : SuggestionKind.AttackType;
                    var (from, to) = Clause(article.Text, sentence, start, start + m.Length);
                    var suggestion = new Suggestion(kind, value(m.Value.ToLowerInvariant()), Passage.Of(article.Text, from, to), 0.65, frames.At(start));
                    found.Add((suggestion, rank + (title ? 10 : 0)));
                }
            }
        }

        // A siege without hostages is not a hostage-taking; a weapon found to be a replica is not that weapon.
        var hostages = found.Any(f => f.Suggestion.Attack == AttackReference.This && f.Suggestion.Value is SuggestedAttackType && Hostage().IsMatch(f.Suggestion.Passage.Text));
        var fakes = found.Where(f => f.Suggestion.Value is SuggestedWeapon { Type: WeaponType.FakeWeapons }).Select(f => ((SuggestedWeapon)f.Suggestion.Value).Detail).ToList();
        return found
            .Where(f => f.Suggestion.Attack == AttackReference.This)
            .Where(f => hostages || f.Suggestion.Value is not SuggestedAttackType { Type: AttackType.HostageTakingBarricade } || Barricade().IsMatch(f.Suggestion.Passage.Text))
            .Where(f => f.Suggestion.Value is not SuggestedWeapon { Type: not WeaponType.FakeWeapons } w || !fakes.Any(x => x.Contains(Noun(w.Detail), StringComparison.Ordinal)))
            .GroupBy(f => f.Suggestion.Value is SuggestedWeapon w ? $"w{w.Type}" : $"a{((SuggestedAttackType)f.Suggestion.Value).Type}")
            .Select(g =>
            {
                var best = g.OrderBy(f => f.Rank).ThenBy(f => f.Suggestion.Passage.Start).First().Suggestion;
                var distinct = g.Select(f => f.Suggestion.Passage.Start).Distinct().Count();
                return best with { Confidence = Math.Min(0.95, 0.6 + (0.05 * distinct)) };
            });
    }

    private static string Noun(string detail) => detail.Split(' ')[^1];

    /// <summary>
    /// The passage of a type: the sentence that says it, so that the quote reads as evidence; in a
    /// long sentence, the stretch between the punctuation around the words, at least 60 characters.
    /// </summary>
    private static (int, int) Clause(string text, Sentence sentence, int start, int end)
    {
        if (sentence.End - sentence.BodyStart <= 240)
        {
            return (sentence.BodyStart, sentence.End);
        }

        var from = start;
        var to = end;
        while (from > sentence.BodyStart && (end - from < 60 || ",;:(".IndexOf(text[from - 1]) < 0))
        {
            from--;
        }

        while (to < sentence.End && (to - start < 60 || ",;:)".IndexOf(text[to]) < 0))
        {
            to++;
        }

        while (char.IsWhiteSpace(text[from]))
        {
            from++;
        }

        return (from, to);
    }

    [GeneratedRegex(@"\b(?:opened\s+fire|fired\s+(?:at|on|into|shots|more\s+than)|shot(?!\s+(?:himself|herself|themselves))" + NotByPolice + @"|a\s+tiros)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ShootingVerb();

    [GeneratedRegex(@"\b(?:armed|used|using|carrying|carried|wielding|brandishing|fired|detonated|threw|hurled|planted|arm[ée]s?|armado)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ArmsUse();

    [GeneratedRegex(@"\b(?:shootings?|fusillade|tiroteo)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ShootingNoun();

    [GeneratedRegex(@"\bgunm[ae]n\b", RegexOptions.IgnoreCase)]
    private static partial Regex Gunmen();

    [GeneratedRegex(@"\b(?:stabbed|stabbing|knife\s+attack|attaque\s+au\s+couteau|hacked)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StabbingVerb();

    [GeneratedRegex(@"\barmed\s+with\s+(?:a\s+|an\s+)?(?:[\w-]+\s+){0,2}(?:knife|knives|machetes?|guns?|pistol|rifle|handgun|shotgun)s?\b", RegexOptions.IgnoreCase)]
    private static partial Regex ArmedWith();

    [GeneratedRegex(@"\b(?:bombings?(?!\s+(?-i:\p{Lu}))|(?<!for\s)bombers?|explosions?|exploded|blasts?|detonated|blew\s+(?:himself|herself|themselves)\s+up|car\s+bomb|bomb\s+(?:attack|hits|blast|exploded|went\s+off)|a\s+explosé|explosión|explotó)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Bombing();

    [GeneratedRegex(@"\b(?:held\s+(?:\w+\s+){0,3}?hostages?|taken\s+hostage|took\s+(?:\w+\s+){0,4}?hostages?|taking\s+hostages|hostage-tak\w+|prise\s+d['’]otages|rehenes)\b", RegexOptions.IgnoreCase)]
    private static partial Regex HostageTaking();

    [GeneratedRegex(@"\b(?:stand-?off|barricaded)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Barricade();

    [GeneratedRegex(@"\bsiege\b", RegexOptions.IgnoreCase)]
    private static partial Regex Siege();

    [GeneratedRegex(@"\b(?:hostages?|otages?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Hostage();

    [GeneratedRegex(@"\b(?:kidnapp(?:ed|ing)|abduct(?:ed|ion|ing)|enlev(?:é|ement))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Kidnapping();

    [GeneratedRegex(@"\bhijack(?:ed|ing)?\s+(?:a|an|the)\s+(?:plane|aircraft|airliner|flight|bus|ship|train|ferry)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Hijacking();

    [GeneratedRegex(@"\b(?:arson(?:ists?)?|set(?:ting)?\s+fire|set\s+alight|torched|firebomb(?:ed|ing)?|petrol\s+bomb|Molotov|petrol\s+had\s+been\s+poured|incendie\s+criminel)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Arson();

    [GeneratedRegex($@"\b(?:ramming|rammed|{Vehicle}\s+attack|{Vehicle}\s+(?:was\s+)?(?:ploughed|plowed|ploughs|plows|driven|drove|slammed|crashed)\s+(?:\w+\s+){{0,4}}?into|(?:drove|driven|ploughed|plowed)\s+(?:\w+\s+){{0,5}}?into\s+(?:the\s+)?(?:\w+\s+)?(?:crowd|crowds|pedestrians|people|market|shoppers|square)|una\s+furgoneta\s+arrolló|atropello|arrolló)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Ramming();

    [GeneratedRegex(@"\bassassinat(?:ed|ion)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Assassination();

    [GeneratedRegex(@"\b(?:guns?|gunfire|pistols?|handguns?|(?<!(?:air|paintball)\s)rifles?|shotguns?|Kalashnikovs?|AK-47s?|machine\s+guns?|firearms?|pistolet)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Firearm();

    [GeneratedRegex(@"\b(?:knife|knives|machetes?|axe|swords?|couteau|cuchillo)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Blade();

    [GeneratedRegex(@"\b(?:bombs?(?!\s+(?-i:\p{Lu}))|explosives|explosive\s+(?:vest|belt|device|devices|charge)|home-made\s+device|IEDs?|grenades?|rockets?|mortars?|suicide\s+vest|bombe|bomba)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Explosive();

    [GeneratedRegex(@"\b(?:replica|fake|imitation|toy)\s+(?:\w+\s+)?(?:gun|pistol|rifle|weapon|bomb|grenade|belt|vest)s?\b|\b(?:the\s+)?[\w-]+\s+turned\s+out\s+to\s+be\s+(?:a\s+)?(?:replica|fake|imitation)\b|\bair\s+rifle\b|\bpaintball\s+rifle\b", RegexOptions.IgnoreCase)]
    private static partial Regex Fake();

    [GeneratedRegex(@"\b(?:acid\s+attack|sarin|chlorine\s+gas|chemical\s+(?:attack|weapon|agent)s?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Chemical();
}
