using AttackTracker.Domain.Statistics;

namespace AttackTracker.Domain.Groups;

/// <summary>The body of POST /api/groups and POST /api/groups/{slug}/splits: the (new) group's name, its aliases, and why.</summary>
public sealed record GroupRequest(string? Name, IReadOnlyList<string>? Aliases, string? Reason);

/// <summary>The body of POST /api/groups/{slug}/aliases and …/alias-removals.</summary>
public sealed record GroupAliasRequest(string? Alias, string? Reason);

/// <summary>The body of POST /api/groups/{slug}/merges: the group merged into the one in the address, by any of its names.</summary>
public sealed record GroupMergeRequest(string? Absorbed, string? Reason);

/// <summary>Name a new group (<see cref="Split"/>: split off the one in the address).</summary>
public sealed record NameGroup(string Name, IReadOnlyList<string> Aliases, string Reason, bool Split);

/// <summary>Add an alias to the group in the address, or (<see cref="Remove"/>) remove one.</summary>
public sealed record ChangeGroupAlias(string Alias, string Reason, bool Remove);

/// <summary>Merge the group that holds <see cref="Absorbed"/> into the group in the address.</summary>
public sealed record MergeGroup(string Absorbed, string Reason);

/// <summary>The answer to a group write: the group written (a new one for a create or a split), its version, the event, and the other group a merge or split wrote to.</summary>
public sealed record GroupRecorded(Guid GroupId, string Slug, string Name, long Version, Guid EventId, Guid? OtherGroupId = null, long? OtherVersion = null, Guid? OtherEventId = null);

/// <summary>Bodies into commands: 400 naming the field, nothing written.</summary>
public static class GroupRequests
{
    public static NameGroup? Validate(GroupRequest body, bool split, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(errors);
        var name = SluggedName(errors, "name", body.Name, required: true);
        var aliases = new List<string>();
        if (body.Aliases is { Count: > Limits.ListItems })
        {
            errors.Add("aliases", $"holds {body.Aliases.Count} names; the limit is {Limits.ListItems}.");
        }
        else
        {
            for (var i = 0; i < (body.Aliases?.Count ?? 0); i++)
            {
                if (SluggedName(errors, $"aliases[{i}]", body.Aliases![i], required: true) is { } alias)
                {
                    aliases.Add(alias);
                }
            }
        }

        if (split && aliases.Count == 0 && errors.IsEmpty)
        {
            errors.Add("aliases", "must name at least one of the group's names to move to the new group.");
        }

        var reason = Reason(errors, body.Reason);
        return errors.IsEmpty ? new NameGroup(name!, aliases, reason!, split) : null;
    }

    public static ChangeGroupAlias? Validate(GroupAliasRequest body, bool remove, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(errors);
        var alias = SluggedName(errors, "alias", body.Alias, required: true);
        var reason = Reason(errors, body.Reason);
        return errors.IsEmpty ? new ChangeGroupAlias(alias!, reason!, remove) : null;
    }

    public static MergeGroup? Validate(GroupMergeRequest body, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(errors);
        var absorbed = SluggedName(errors, "absorbed", body.Absorbed, required: true);
        var reason = Reason(errors, body.Reason);
        return errors.IsEmpty ? new MergeGroup(absorbed!, reason!) : null;
    }

    /// <summary>A name with letters or digits in it: one that has a slug.</summary>
    private static string? SluggedName(ValidationErrors errors, string path, string? value, bool required)
    {
        var name = errors.Name(path, value, required);
        if (name is not null && GroupNames.Slug(name).Length == 0)
        {
            errors.Add(path, "must hold letters or digits.");
            return null;
        }

        return name;
    }

    private static string? Reason(ValidationErrors errors, string? reason) => errors.Text("reason", reason, Limits.TextLength, required: true, multiline: true);
}
