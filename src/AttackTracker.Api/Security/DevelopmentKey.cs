namespace AttackTracker.Api.Security;

/// <summary>
/// In Development only: ensures the editor key named "development" with the secret from
/// Auth:DevelopmentKey (appsettings.Development.json) and prints it, so a newcomer can write at once.
/// </summary>
public sealed class DevelopmentKey(IHostEnvironment environment, IConfiguration configuration, ApiKeys keys) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment() || configuration["Auth:DevelopmentKey"] is not { Length: > 0 } secret)
        {
            return;
        }

        await keys.EnsureAsync("development", Roles.Editor, secret, cancellationToken);
        Console.WriteLine($"Development API key (role editor, Development only): {secret}");
        Console.WriteLine($"  curl -H 'X-Api-Key: {secret}' ...");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
