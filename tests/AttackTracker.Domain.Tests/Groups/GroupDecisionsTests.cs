using System.Collections.Immutable;
using AttackTracker.Domain.Groups;
using AttackTracker.Domain.Statistics;
using AttackTracker.Domain.Writes;

namespace AttackTracker.Domain.Tests.Groups;

public class GroupDecisionsTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static GroupState Group(string name, params string[] aliases) =>
        GroupFold.Fold(Guid.NewGuid(), [(new GroupIdentified(name, aliases, "Because."), 1L, At)]);

    private static GroupContext Context(GroupState group, params GroupState[] others)
    {
        var all = others.Prepend(group).Where(g => g.Exists).ToList();
        return new GroupContext(group, all.ToDictionary(g => g.Id), all.SelectMany(GroupNameRows.Of).ToDictionary(r => r.Slug), Guid.NewGuid);
    }

    private static string Conflict(Decision<GroupRecorded> decision)
    {
        Assert.Empty(decision.Events);
        return decision.Conflict ?? throw new Xunit.Sdk.XunitException("The decision was not refused.");
    }

    [Fact]
    public void Identifying_a_group_records_its_name_and_aliases_once_each()
    {
        var decision = GroupDecisions.Decide(new NameGroup("Islamic State", ["ISIS", "isis", "Islamic  State"], "One group.", Split: false), Context(GroupState.Initial));

        var identified = Assert.IsType<GroupIdentified>(Assert.Single(decision.Events).Data);
        Assert.Equal(("Islamic State", "ISIS"), (identified.Name, string.Join(", ", identified.Aliases)));
        Assert.Equal(("islamic-state", 1L), (decision.Response!.Slug, decision.Response.Version));
    }

    [Fact]
    public void A_name_another_group_holds_is_a_conflict_naming_that_group()
    {
        var held = Group("Islamic State", "ISIS");
        var other = Group("ISIL");

        Assert.Contains("'Islamic State'", Conflict(GroupDecisions.Decide(new NameGroup("Daesh", ["ISIS"], "Taken.", Split: false), Context(GroupState.Initial, held))), StringComparison.Ordinal);
        Assert.Contains("'Islamic State'", Conflict(GroupDecisions.Decide(new ChangeGroupAlias("isis", "Taken.", Remove: false), Context(other, held))), StringComparison.Ordinal);
    }

    [Fact]
    public void A_merge_moves_every_name_of_the_absorbed_group_to_the_survivor_and_records_on_both()
    {
        var survivor = Group("Islamic State", "ISIS");
        var absorbed = Group("ISIL", "Islamic State of Iraq and the Levant");

        var decision = GroupDecisions.Decide(new MergeGroup("Islamic State of Iraq and the Levant", "Same group."), Context(survivor, absorbed));

        var merged = Assert.IsType<GroupMerged>(Assert.Single(decision.Events).Data);
        Assert.Equal(["ISIL", "Islamic State of Iraq and the Levant"], merged.Names);
        Assert.IsType<GroupAbsorbed>(Assert.Single(decision.Joined![absorbed.Id]).Data);
        var after = GroupFold.Evolve(survivor, merged, 2, At);
        var gone = GroupFold.Evolve(absorbed, decision.Joined[absorbed.Id][0].Data, 2, At);
        var (ended, begun) = GroupNameRows.Changes([survivor, absorbed], [after, gone]);
        Assert.Equal(["isil", "islamic-state-of-iraq-and-the-levant"], ended);
        Assert.Equal([("isil", "islamic-state"), ("islamic-state-of-iraq-and-the-levant", "islamic-state")], begun.Select(r => (r.Slug, r.CanonicalSlug)));
    }

    [Fact]
    public void A_merge_into_itself_is_a_conflict()
    {
        var group = Group("Islamic State", "ISIS");

        Assert.Contains("not merged into itself", Conflict(GroupDecisions.Decide(new MergeGroup("ISIS", "Itself."), Context(group))), StringComparison.Ordinal);
    }

    [Fact]
    public void A_split_moves_the_names_it_names_to_a_new_group_and_never_the_sources_own_name()
    {
        var group = Group("Hayat Tahrir al-Sham", "Jabhat al-Nusra", "Nusra Front", "HTS");

        var decision = GroupDecisions.Decide(new NameGroup("Jabhat al-Nusra", ["Nusra Front"], "Another organisation.", Split: true), Context(group));

        var split = Assert.IsType<GroupSplit>(Assert.Single(decision.Events).Data);
        Assert.Equal(["Jabhat al-Nusra", "Nusra Front"], split.Names);
        var off = Assert.IsType<GroupSplitOff>(Assert.Single(decision.Joined![decision.Response!.GroupId]).Data);
        Assert.Equal(("Jabhat al-Nusra", "Nusra Front"), (off.Name, string.Join(", ", off.Aliases)));
        Assert.Equal(["HTS"], GroupFold.Evolve(group, split, 2, At).Aliases);
        Assert.Contains("no name", Conflict(GroupDecisions.Decide(new NameGroup("HTS", ["Hayat Tahrir al-Sham"], "All of it.", Split: true), Context(group))), StringComparison.Ordinal);
        Assert.Contains("nothing to split", Conflict(GroupDecisions.Decide(new NameGroup("Someone Else", ["Unrelated"], "None of its names.", Split: true), Context(group))), StringComparison.Ordinal);
    }

    [Fact]
    public void The_canonical_name_cannot_be_removed_and_an_alias_can()
    {
        var group = Group("Islamic State", "ISIS");

        Assert.Contains("canonical name", Conflict(GroupDecisions.Decide(new ChangeGroupAlias("islamic state", "Its name.", Remove: true), Context(group))), StringComparison.Ordinal);
        var removed = GroupDecisions.Decide(new ChangeGroupAlias("isis", "Another group.", Remove: true), Context(group));
        Assert.Equal(new GroupAliasRemoved("ISIS", "Another group."), Assert.Single(removed.Events).Data);
        Assert.Equal(ImmutableList<string>.Empty, GroupFold.Evolve(group, removed.Events[0].Data, 2, At).Aliases);
    }

    [Fact]
    public void Resolution_counts_two_spellings_of_one_group_as_one_tie_claimed_if_either_is()
    {
        var group = Group("Islamic State", "ISIS");
        var resolution = new GroupResolution(GroupNameRows.Of(group));
        var contribution = new IncidentContribution(
            Guid.NewGuid(), "Attack", "IQ", new DateOnly(2016, 1, 1), 2016,
            [new GroupLink("isis", "ISIS", Claimed: false, Attributed: true, []), new GroupLink("islamic-state", "Islamic State", Claimed: true, Attributed: false, []), new GroupLink("hamas", "Hamas", false, true, [])],
            [], [], null, null, false, true, 1, 1, 1);

        var resolved = resolution.Resolve(contribution);

        Assert.Equal([("hamas", "Hamas", false, true), ("islamic-state", "Islamic State", true, true)], resolved.Groups.Select(g => (g.Slug, g.Name, g.Claimed, g.Attributed)).OrderBy(g => g.Slug, StringComparer.Ordinal));
        Assert.Equal(("islamic-state", "isil"), (resolution.Key("isis"), resolution.Key("isil")));
    }
}
