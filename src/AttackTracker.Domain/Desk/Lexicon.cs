namespace AttackTracker.Domain.Desk;

/// <summary>The words the readers look for, lower case. English first; French and Spanish where noted.</summary>
internal static class Lexicon
{
    public static readonly HashSet<string> KilledWords = Set(
        "killed dead died dies deaths fatalities perished murdered slain massacred "
        + "morts mortes tués tuées tué tuée décédés décédées " // French
        + "muertos muertas murieron fallecidos fallecidas fallecieron"); // Spanish

    public static readonly HashSet<string> WoundedWords = Set(
        "wounded injured hurt blessés blessées blessé blessée heridos heridas herido herida");

    /// <summary>Verbs that put the count after them: "killing 130 people", "wounding one of them".</summary>
    public static readonly HashSet<string> KillingVerbs = Set("killing killed kills kill murdering murdered");

    public static readonly HashSet<string> WoundingVerbs = Set("wounding wounded wounds injuring injured injures hurting");

    /// <summary>Words between a count and its casualty word: "were reportedly", "may have been", "feared".</summary>
    public static readonly HashSet<string> Auxiliaries = Set(
        "were was are is have has had been being be reportedly also later all both may might could would feared believed "
        + "confirmed reported said to subsequently eventually allegedly now so far already since then each "
        + "seriously critically badly slightly lightly severely fatally mortally gravely "
        + "ont été sont a gravement légèrement resultaron fueron han sido quedaron resultado");

    public static readonly HashSet<string> Severity = Set(
        "seriously critically badly slightly lightly severely gravely grievously gravement légèrement");

    /// <summary>People who carried out the attack, as a count's noun ("two attackers") or a subject ("the gunman").</summary>
    public static readonly HashSet<string> PerpetratorNouns = Set(
        "attacker attackers assailant assailants gunman gunmen terrorist terrorists perpetrator perpetrators bomber bombers "
        + "militant militants jihadist jihadists stabber shooter shooters hostage-taker hostage-takers insurgent insurgents "
        + "assaillant assaillants terroriste terroristes atacante atacantes terrorista terroristas");

    /// <summary>Words that end the noun phrase after a count: "four riot police who were jogging".</summary>
    public static readonly HashSet<string> Breaks = Set(
        "and or but who whom which that when while where as after before in at on by with from into during for near "
        + "than because if though although since until including among between against over under through "
        + "et ou qui dans lors de du des en y o que en durante tras");

    /// <summary>Words after a number that make it a measure, not a count of people.</summary>
    public static readonly HashSet<string> Units = Set(
        "years year km kilometres kilometers miles mile metres meters metre meter grams gram kg kilograms hours hour "
        + "minutes minute seconds second days day weeks week months month times shots rounds counts percent per cent "
        + "mm cm a.m p.m am pm gmt o'clock ans années heures jours minutes años horas días semanas meses euros dollars "
        + "pounds attacks attempts plots suspects homes houses buildings cars vehicles buses");

    public static readonly HashSet<string> AttackWords = Set(
        "attack attacks attacked attacker attackers attacking bombing bombings bomb bombs bomber blast blasts explosion "
        + "exploded shooting shootings shot shots gunman gunmen killed killing kills dead died wounded injured stabbing "
        + "stabbed knife hostage hostages siege stand-off standoff stormed massacre rammed ramming ploughed plowed arson "
        + "fire assault raid detonated opened carried murder murdered drove driven "
        + "attentat attaque tués morts blessés bombe explosé fusillade tuant blessant atropello ataque atentado arrolló muertos heridos matando hiriendo");

    /// <summary>Words of an attack as an event (not its agents): a date next to one of them dates an attack.</summary>
    public static readonly HashSet<string> EventWords = Set(
        "attack attacks attacked bombing bombings bomb blast blasts explosion exploded shooting shootings shot killed killing "
        + "kills dead died death deaths wounded injured stabbing stabbed hostage hostages siege stormed massacre massacred "
        + "rammed ramming arson raid detonated murder murdered assaulted assault "
        + "attentat attaque tués morts blessés muertos heridos ataque atentado");

    public static readonly IReadOnlyDictionary<string, int> Months = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["january"] = 1,
        ["february"] = 2,
        ["march"] = 3,
        ["april"] = 4,
        ["may"] = 5,
        ["june"] = 6,
        ["july"] = 7,
        ["august"] = 8,
        ["september"] = 9,
        ["october"] = 10,
        ["november"] = 11,
        ["december"] = 12,
        ["jan"] = 1,
        ["feb"] = 2,
        ["mar"] = 3,
        ["apr"] = 4,
        ["jun"] = 6,
        ["jul"] = 7,
        ["aug"] = 8,
        ["sep"] = 9,
        ["sept"] = 9,
        ["oct"] = 10,
        ["nov"] = 11,
        ["dec"] = 12,
        ["janvier"] = 1,
        ["février"] = 2,
        ["mars"] = 3,
        ["avril"] = 4,
        ["mai"] = 5,
        ["juin"] = 6,
        ["juillet"] = 7,
        ["août"] = 8,
        ["septembre"] = 9,
        ["octobre"] = 10,
        ["novembre"] = 11,
        ["décembre"] = 12,
        ["enero"] = 1,
        ["febrero"] = 2,
        ["marzo"] = 3,
        ["abril"] = 4,
        ["mayo"] = 5,
        ["junio"] = 6,
        ["julio"] = 7,
        ["agosto"] = 8,
        ["septiembre"] = 9,
        ["octubre"] = 10,
        ["noviembre"] = 11,
        ["diciembre"] = 12,
    };

    public static readonly IReadOnlyDictionary<string, DayOfWeek> Weekdays = new Dictionary<string, DayOfWeek>(StringComparer.OrdinalIgnoreCase)
    {
        ["monday"] = DayOfWeek.Monday,
        ["tuesday"] = DayOfWeek.Tuesday,
        ["wednesday"] = DayOfWeek.Wednesday,
        ["thursday"] = DayOfWeek.Thursday,
        ["friday"] = DayOfWeek.Friday,
        ["saturday"] = DayOfWeek.Saturday,
        ["sunday"] = DayOfWeek.Sunday,
        ["lundi"] = DayOfWeek.Monday,
        ["mardi"] = DayOfWeek.Tuesday,
        ["mercredi"] = DayOfWeek.Wednesday,
        ["jeudi"] = DayOfWeek.Thursday,
        ["vendredi"] = DayOfWeek.Friday,
        ["samedi"] = DayOfWeek.Saturday,
        ["dimanche"] = DayOfWeek.Sunday,
        ["lunes"] = DayOfWeek.Monday,
        ["martes"] = DayOfWeek.Tuesday,
        ["miércoles"] = DayOfWeek.Wednesday,
        ["jueves"] = DayOfWeek.Thursday,
        ["viernes"] = DayOfWeek.Friday,
        ["sábado"] = DayOfWeek.Saturday,
        ["domingo"] = DayOfWeek.Sunday,
    };

    /// <summary>Nationalities as adjectives; "Moroccan-born" and "Moroccan Frenchman" are read around them.</summary>
    public static readonly HashSet<string> Demonyms = Set(
        "afghan albanian algerian american argentine argentinian armenian australian austrian azerbaijani bahraini "
        + "bangladeshi belarusian belgian bosnian brazilian british bulgarian burkinabe cameroonian canadian chadian "
        + "chechen chinese colombian croatian cuban czech danish dutch egyptian emirati english eritrean ethiopian "
        + "filipino finnish french georgian german ghanaian greek hungarian indian indonesian iranian iraqi irish "
        + "israeli italian ivorian japanese jordanian kazakh kenyan kosovar kurdish kuwaiti kyrgyz lebanese libyan "
        + "malian mauritanian mexican moroccan nepali nigerian nigerien norwegian omani pakistani palestinian polish "
        + "portuguese qatari romanian russian saudi scottish senegalese serbian slovak somali spanish sudanese swedish "
        + "swiss syrian tajik thai tunisian turkish turkmen ukrainian uzbek venezuelan vietnamese yemeni");

    /// <summary>Nouns that are a nationality by themselves ("a Moroccan Frenchman").</summary>
    public static readonly HashSet<string> NationalityNouns = Set("frenchman frenchwoman englishman englishwoman dutchman dutchwoman");

    private static HashSet<string> Set(string words) =>
        new(words.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
}
