using AttackTracker.Domain.Statistics;
using AttackTracker.Domain.Writes;

namespace AttackTracker.Domain.Groups;

/// <summary>
/// What a group write decides on, read under the groups' lock: the group in the address (the initial
/// state for a create), the other group a merge names (by id), who holds each name now (by slug),
/// and the ids to give.
/// </summary>
public sealed record GroupContext(GroupState Group, IReadOnlyDictionary<Guid, GroupState> Others, IReadOnlyDictionary<string, GroupNameRow> Names, Func<Guid> NewId);

/// <summary>
/// The editorial decisions on groups (docs/identity.md, Groups): pure, each returning the events or
/// why not. A name (by slug) belongs to at most one group at a time, so a name another group holds
/// is a conflict naming that group; a merge into itself, and a split that would take the group's
/// own name, are conflicts too. The new group of a create or a split is written in <see cref="Decision{T}.Joined"/>
/// when there is a source group (a split), and as the write's own events when there is none (a create).
/// </summary>
public static class GroupDecisions
{
    public static Decision<GroupRecorded> Decide(NameGroup command, GroupContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var source = context.Group;
        var names = new[] { command.Name }.Concat(command.Aliases).DistinctBy(GroupNames.Slug).ToList();
        foreach (var name in names)
        {
            if (context.Names.GetValueOrDefault(GroupNames.Slug(name)) is { } held && !(command.Split && held.GroupId == source.Id))
            {
                return Decision.Conflicts<GroupRecorded>($"The name '{name}' belongs to the group '{held.CanonicalName}' ({held.CanonicalSlug}): {(command.Split ? "split it off that group" : "add the other names to that group")} instead.");
            }
        }

        var id = context.NewId();
        var aliases = names.Skip(1).ToList();
        if (!command.Split)
        {
            var created = new GroupRecorded(id, GroupNames.Slug(command.Name), command.Name, 1, context.NewId());
            return Decision.Accept(created, [new NewEvent(new GroupIdentified(command.Name, aliases, command.Reason), created.EventId)]);
        }

        if (GroupNames.Slug(command.Name) == source.Slug || command.Aliases.Any(a => GroupNames.Slug(a) == source.Slug))
        {
            return Decision.Conflicts<GroupRecorded>($"The split would leave the group '{source.Name}' with no name: its canonical name stays with it; name the new group otherwise and move only its aliases.");
        }

        var moved = names.Where(source.Holds).ToList();
        if (moved.Count == 0)
        {
            return Decision.Conflicts<GroupRecorded>($"None of the names belongs to the group '{source.Name}': there is nothing to split off (name a new group with POST /api/groups).");
        }

        var recorded = new GroupRecorded(id, GroupNames.Slug(command.Name), command.Name, 1, context.NewId(), source.Id, source.Version + 1, context.NewId());
        return Decision.Accept(recorded, [new NewEvent(new GroupSplit(id, command.Name, moved, command.Reason), recorded.OtherEventId!.Value)]) with
        {
            Joined = new Dictionary<Guid, IReadOnlyList<NewEvent>> { [id] = [new NewEvent(new GroupSplitOff(source.Id, source.Name, command.Name, aliases, command.Reason), recorded.EventId)] },
        };
    }

    public static Decision<GroupRecorded> Decide(ChangeGroupAlias command, GroupContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var group = context.Group;
        var slug = GroupNames.Slug(command.Alias);
        var held = context.Names.GetValueOrDefault(slug);
        string? refusal = (command.Remove, held) switch
        {
            (false, { } other) when other.GroupId != group.Id => $"The name '{command.Alias}' belongs to the group '{other.CanonicalName}' ({other.CanonicalSlug}): remove it there first, or merge the two groups.",
            (false, not null) => $"The name '{command.Alias}' is already a name of the group '{group.Name}'.",
            (true, _) when slug == group.Slug => $"'{command.Alias}' is the canonical name of the group '{group.Name}': it cannot be removed (split the other names off instead).",
            (true, var h) when h?.GroupId != group.Id => $"The name '{command.Alias}' is not an alias of the group '{group.Name}'.",
            _ => null,
        };
        if (refusal is not null)
        {
            return Decision.Conflicts<GroupRecorded>(refusal);
        }

        var recorded = new GroupRecorded(group.Id, group.Slug, group.Name, group.Version + 1, context.NewId());
        object e = command.Remove ? new GroupAliasRemoved(held!.Name, command.Reason) : new GroupAliasAdded(command.Alias, command.Reason);
        return Decision.Accept(recorded, [new NewEvent(e, recorded.EventId)]);
    }

    public static Decision<GroupRecorded> Decide(MergeGroup command, GroupContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var survivor = context.Group;
        if (context.Names.GetValueOrDefault(GroupNames.Slug(command.Absorbed)) is not { } held || context.Others.GetValueOrDefault(held.GroupId) is not { } absorbed)
        {
            throw new ArgumentException("The write did not load the absorbed group.", nameof(context));
        }

        if (absorbed.Id == survivor.Id)
        {
            return Decision.Conflicts<GroupRecorded>($"The name '{command.Absorbed}' is already a name of the group '{survivor.Name}': a group is not merged into itself.");
        }

        var recorded = new GroupRecorded(survivor.Id, survivor.Slug, survivor.Name, survivor.Version + 1, context.NewId(), absorbed.Id, absorbed.Version + 1, context.NewId());
        return Decision.Accept(recorded, [new NewEvent(new GroupMerged(absorbed.Id, absorbed.Name, [.. absorbed.Names], command.Reason), recorded.EventId)]) with
        {
            Joined = new Dictionary<Guid, IReadOnlyList<NewEvent>> { [absorbed.Id] = [new NewEvent(new GroupAbsorbed(survivor.Id, survivor.Name, command.Reason), recorded.OtherEventId!.Value)] },
        };
    }
}
