namespace AttackTracker.Api.Identity;

public static class IdentitySetup
{
    /// <summary>Incident identity (docs/identity.md): candidate duplicates and their rejections.</summary>
    public static WebApplicationBuilder AddIdentity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<CandidateQuery>();
        return builder;
    }
}
