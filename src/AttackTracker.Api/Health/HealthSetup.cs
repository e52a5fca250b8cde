namespace AttackTracker.Api.Health;

public static class HealthSetup
{
    /// <summary>The summary printed once the service listens (registered last, so it follows the samples).</summary>
    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHostedService<StartupSummary>();
        return builder;
    }
}
