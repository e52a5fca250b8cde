namespace AttackTracker.Api.Groups;

public static class GroupsSetup
{
    /// <summary>Group identity (docs/identity.md, Groups): the group writes and the identity table the statistics resolve through.</summary>
    public static WebApplicationBuilder AddGroups(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<GroupWrites>().AddSingleton<GroupNamesTable>();
        return builder;
    }
}
