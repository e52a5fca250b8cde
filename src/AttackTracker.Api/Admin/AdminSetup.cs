namespace AttackTracker.Api.Admin;

public static class AdminSetup
{
    /// <summary>The read models' rebuild and verification, and the resumption of a rebuild a crash interrupted.</summary>
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ProjectionRebuilder>().AddSingleton<ReadModelRebuild>().AddSingleton<StatisticsRebuild>().AddSingleton<ViewVerifier>().AddSingleton<ProjectionVerifier>().AddSingleton<RebuildRuns>();
        builder.Services.AddHostedService<RebuildResumer>();
        return builder;
    }
}
