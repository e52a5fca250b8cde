using System.Text.Json;
using AttackTracker.Incidents;

namespace AttackTracker.Api.Admin;

/// <summary>"rebuild" and "verify" as command-line verbs: they run against the configured database and exit.</summary>
public static class AdminCommands
{
    public static async Task<int?> TryRunAsync(WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (args is not [("rebuild" or "verify") and var verb, ..])
        {
            return null;
        }

        var store = app.Services.GetRequiredService<EventStore.EventStore>();
        await store.MigrateAsync();
        var rebuilder = app.Services.GetRequiredService<ProjectionRebuilder>();
        var options = new JsonSerializerOptions(IncidentJson.Options) { WriteIndented = true };
        if (verb == "rebuild")
        {
            Console.WriteLine(JsonSerializer.Serialize(await rebuilder.RebuildAsync(CancellationToken.None), options));
            return 0;
        }

        var result = await rebuilder.VerifyAsync(CancellationToken.None);
        Console.WriteLine(JsonSerializer.Serialize(result, options));
        return result.Consistent ? 0 : 1;
    }
}
