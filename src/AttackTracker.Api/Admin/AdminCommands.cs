using System.Text.Json;
using AttackTracker.Api.Keys;
using AttackTracker.Api.Store;
using AttackTracker.Domain;

namespace AttackTracker.Api.Admin;

/// <summary>
/// Command-line verbs that run against the configured database and exit: rebuild, verify,
/// keys add NAME ROLE, keys rotate NAME ROLE, keys list, keys revoke NAME.
/// </summary>
public static class AdminCommands
{
    public static bool IsVerb(string[] args) => args is ["rebuild" or "verify" or "keys", ..] || Exchange.ExchangeCommands.IsVerb(args);

    /// <summary>A verb prints only its result on standard output; logs go to standard error.</summary>
    public static WebApplicationBuilder AddAdminCommands(this WebApplicationBuilder builder, string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (IsVerb(args))
        {
            builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        return builder;
    }

    public static async Task<int?> TryRunAsync(WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (args is not [var verb, ..] || !IsVerb(args))
        {
            return null;
        }

        try
        {
            await app.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(CancellationToken.None);
        }
        catch (StoreUnavailableException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }

        if (Exchange.ExchangeCommands.IsVerb(args))
        {
            return await Exchange.ExchangeCommands.RunAsync(app.Services, args);
        }

        if (verb == "keys")
        {
            return await KeysAsync(app.Services.GetRequiredService<ApiKeys>(), args[1..]);
        }

        var rebuilder = app.Services.GetRequiredService<ProjectionRebuilder>();
        var options = new JsonSerializerOptions(IncidentJson.Options) { WriteIndented = true };
        if (verb == "rebuild")
        {
            Console.WriteLine(JsonSerializer.Serialize(await rebuilder.RebuildAsync(null, CancellationToken.None, commandLine: true), options));
            return 0;
        }

        var result = await rebuilder.VerifyAsync(CancellationToken.None, commandLine: true);
        Console.WriteLine(JsonSerializer.Serialize(result, options));
        return result.Consistent ? 0 : 1;
    }

    private static async Task<int> KeysAsync(ApiKeys keys, string[] args)
    {
        switch (args)
        {
            case ["add", var name, var role] when Roles.IsRole(role):
                try
                {
                    Console.WriteLine(await keys.CreateAsync(name, role));
                }
                catch (Npgsql.PostgresException ex) when (ex.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation)
                {
                    Console.Error.WriteLine($"A key named '{name}' exists already; use 'keys rotate {name} ROLE' to give it a new secret.");
                    return 1;
                }

                Console.Error.WriteLine($"Key '{name}' ({role}) created. It is shown once and stored only as a hash.");
                return 0;
            case ["rotate", var name, var role] when Roles.IsRole(role):
                var secret = await keys.CreateSecretAsync(name, role);
                Console.WriteLine(secret);
                Console.Error.WriteLine($"Key '{name}' ({role}) has a new secret; the old one no longer works.");
                return 0;
            case ["list"]:
                foreach (var key in await keys.ListAsync())
                {
                    Console.WriteLine($"{key.Name}\t{key.Role}\tcreated {key.CreatedAt:O}{(key.RevokedAt is { } at ? $"\trevoked {at:O}" : string.Empty)}");
                }

                return 0;
            case ["revoke", var name]:
                var revoked = await keys.RevokeAsync(name);
                Console.Error.WriteLine(revoked ? $"Key '{name}' revoked." : $"No active key named '{name}'.");
                return revoked ? 0 : 1;
            default:
                Console.Error.WriteLine("usage: keys add NAME reader|analyst|editor | keys rotate NAME ROLE | keys list | keys revoke NAME");
                return 2;
        }
    }
}
