using AttackTracker.Domain.Groups;

namespace AttackTracker.Domain.Tests.Groups;

public class GroupSuggestionsTests
{
    private static List<(string, string, string[])> Pairs(IEnumerable<string> names, GroupResolution? resolution = null) =>
        [.. GroupSuggestions.Find(names, resolution ?? GroupResolution.None).Select(s => (s.Name, s.Other, s.Signals.ToArray()))];

    private static List<string> Listed(IEnumerable<string> names) => [.. Pairs(names).Select(p => $"{p.Item1} | {p.Item2} | {string.Join(", ", p.Item3)}")];

    [Fact]
    public void A_name_with_its_acronym_in_brackets_pairs_with_the_acronym()
    {
        var pairs = Pairs(["Islamic State of Iraq and the Levant (ISIL)", "ISIL"]);

        var (_, _, signals) = Assert.Single(pairs);
        Assert.Contains("acronym-in-brackets", signals);
        Assert.Contains("initials", signals);
    }

    [Fact]
    public void An_acronym_pairs_with_the_name_it_is_the_initials_of_with_or_without_the_small_words()
    {
        Assert.Equal(["ISIS | Islamic State of Iraq and Syria | dataset-spelling, initials"], Listed(["ISIS", "Islamic State of Iraq and Syria"]));
        Assert.Contains(Pairs(["AQAP", "al-Qaeda in the Arabian Peninsula"]), p => p.Item3.Contains("initials"));
        Assert.Contains(Pairs(["NPA", "New People's Army"]), p => p.Item3.SequenceEqual(["initials"]));
    }

    [Fact]
    public void ACLEDs_acronym_before_a_colon_pairs_with_the_acronym()
    {
        Assert.Contains(Pairs(["JNIM: Group for Support of Islam and Muslims", "JNIM"]), p => p.Item3.Contains("acronym-in-brackets"));
    }

    [Fact]
    public void The_same_words_without_punctuation_and_small_words_pair()
    {
        Assert.Equal(["Taliban | The Taliban | same-words"], Listed(["The Taliban", "Taliban"]));
    }

    [Fact]
    public void The_data_sets_own_spellings_pair()
    {
        Assert.Contains(Pairs(["IS", "Islamic State of Iraq and the Levant (ISIL)"]), p => p.Item3.Contains("dataset-spelling"));
        Assert.Contains(Pairs(["Abu Sayyaf", "Abu Sayyaf Group"]), p => p.Item3.Contains("dataset-spelling"));
    }

    [Fact]
    public void Unrelated_names_and_spellings_of_one_slug_are_not_suggested()
    {
        Assert.Empty(Pairs(["Boko Haram", "Shining Path", "Hamas", "Hezbollah", "islamic  state", "Islamic State", "ETA", "Red Army Faction"]));
    }

    [Fact]
    public void Names_already_one_group_are_not_suggested()
    {
        var group = Guid.NewGuid();
        var resolution = new GroupResolution([
            new GroupNameRow("isil", "ISIL", group, "islamic-state-of-iraq-and-the-levant", "Islamic State of Iraq and the Levant"),
            new GroupNameRow("islamic-state-of-iraq-and-the-levant", "Islamic State of Iraq and the Levant", group, "islamic-state-of-iraq-and-the-levant", "Islamic State of Iraq and the Levant"),
        ]);

        Assert.Empty(Pairs(["Islamic State of Iraq and the Levant (ISIL)", "ISIL"], resolution));
    }

    [Fact]
    public void The_answer_is_the_same_whatever_the_order_of_the_names()
    {
        string[] names = ["ISIL", "Islamic State of Iraq and the Levant (ISIL)", "The Taliban", "Taliban", "IS", "Islamic State"];

        Assert.Equal(
            GroupSuggestions.Find(names, GroupResolution.None).Select(s => s.Slug + "|" + s.OtherSlug + "|" + string.Join(',', s.Signals)),
            GroupSuggestions.Find(names.Reverse(), GroupResolution.None).Select(s => s.Slug + "|" + s.OtherSlug + "|" + string.Join(',', s.Signals)));
    }
}
