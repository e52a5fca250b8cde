namespace AttackTracker.Api.Keys;

/// <summary>
/// In Development only: ensures the editor key named "development" with the secret from
/// Auth:DevelopmentKey (appsettings.Development.json), which the start-up summary prints, so a newcomer can write at once.
/// Outside Development the key is revoked at start-up: its secret is in the repository, so a
/// database first used in Development must not carry it into production.
/// </summary>
public sealed class DevelopmentKey(IHostEnvironment environment, IConfiguration configuration, ApiKeys keys) : IHostedService
{
    public const string Name = "development";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment())
        {
            await keys.RevokeAsync(Name, cancellationToken);
            return;
        }

        if (configuration["Auth:DevelopmentKey"] is not { Length: > 0 } secret)
        {
            return;
        }

        // Health/StartupSummary prints it once the service listens, at the end of the start-up log.
        await keys.EnsureAsync(Name, Roles.Editor, secret, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
