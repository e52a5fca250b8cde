using AttackTracker.Api.Samples;
using Marten;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace AttackTracker.Api.Health;

/// <summary>
/// Ends the start-up log with what a newcomer needs, once the service listens: its address, the
/// sample incident (when the store holds it), and in Development the editor key. Only a service on
/// a real server prints it; a test host has no address.
/// </summary>
public sealed class StartupSummary(
    IHostApplicationLifetime lifetime, IServer server, IDocumentStore store, IHostEnvironment environment, IConfiguration configuration) : IHostedService
{
    public const string SampleKey = "carcassonne-trebes-2018";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = PrintAsync(lifetime.ApplicationStopping));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task PrintAsync(CancellationToken cancellationToken)
    {
        if (server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is not { } listening)
        {
            return;
        }

        var address = Readable(listening);
        var lines = new List<string> { string.Empty, $"AttackTracker is ready at {address}/  (API: {address}/swagger; stop with Ctrl+C)" };
        try
        {
            await using var session = store.QuerySession();
            var sample = SampleLoader.IncidentId(SampleKey);
            if (await session.Events.FetchStreamStateAsync(sample, cancellationToken) is not null)
            {
                lines.Add($"  Sample incident, the Carcassonne and Trèbes attack: {address}/incidents/{sample}");
                lines.Add($"    curl -s {address}/api/incidents/{sample}");
            }
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or OperationCanceledException)
        {
            // The summary is a courtesy: a store that is away now is reported by the requests.
        }

        if (environment.IsDevelopment() && configuration["Auth:DevelopmentKey"] is { Length: > 0 } key)
        {
            lines.Add($"  Development key (role editor, Development only): {key}");
            lines.Add($"    curl -H 'X-Api-Key: {key}' ...");
        }

        await Console.Out.WriteLineAsync(string.Join(Environment.NewLine, lines));
    }

    /// <summary>The address as a browser takes it: a wildcard host becomes localhost.</summary>
    private static string Readable(string address) =>
        address.Replace("://+:", "://localhost:", StringComparison.Ordinal)
            .Replace("://*:", "://localhost:", StringComparison.Ordinal)
            .Replace("://0.0.0.0:", "://localhost:", StringComparison.Ordinal)
            .Replace("://[::]:", "://localhost:", StringComparison.Ordinal)
            .TrimEnd('/');
}
