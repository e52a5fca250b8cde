using System.CommandLine;
using System.Text.Json;
using AttackTracker.Api.Keys;
using AttackTracker.Domain;

namespace AttackTracker.Api.Admin;

/// <summary>The administration verbs: <c>rebuild</c>, <c>verify</c> and <c>keys add|rotate|list|revoke</c>.</summary>
public static class AdminCommands
{
    public static IEnumerable<Command> Commands(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new JsonSerializerOptions(IncidentJson.Options) { WriteIndented = true };
        var rebuild = new Command("rebuild", "Rebuilds every read model from the events (stop the service first), with its progress; takes up a rebuild a crash interrupted.");
        rebuild.SetAction((_, cancellationToken) => RebuildCommand.RunAsync(services, options, cancellationToken));
        var verify = new Command("verify", "Folds every incident afresh and compares it with the stored views and the statistics' rows, with its rate; exit 1 on a difference.");
        verify.SetAction(async (_, cancellationToken) =>
        {
            var result = await services.GetRequiredService<ProjectionVerifier>().VerifyAsync(cancellationToken, commandLine: true);
            Console.WriteLine(JsonSerializer.Serialize(result, options));
            return result.Consistent ? 0 : 1;
        });
        return [rebuild, verify, Keys(services.GetRequiredService<ApiKeys>())];
    }

    private static Command Keys(ApiKeys keys)
    {
        Argument<string> Name() => new("NAME") { Description = "The key's name, recorded as who wrote." };
        Argument<string> Role()
        {
            var role = new Argument<string>("ROLE") { Description = "reader, analyst or editor." };
            role.AcceptOnlyFromAmong(Roles.Reader, Roles.Analyst, Roles.Editor);
            return role;
        }

        var (addName, addRole) = (Name(), Role());
        var add = new Command("add", "Creates a key; it is printed once and stored only as a hash. Exit 1 if the name is taken.") { addName, addRole };
        add.SetAction(async (parse, cancellationToken) =>
        {
            var (name, role) = (parse.GetValue(addName)!, parse.GetValue(addRole)!);
            try
            {
                Console.WriteLine(await keys.CreateAsync(name, role, cancellationToken));
            }
            catch (Npgsql.PostgresException ex) when (ex.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation)
            {
                Console.Error.WriteLine($"A key named '{name}' exists already; use 'keys rotate {name} ROLE' to give it a new secret.");
                return 1;
            }

            Console.Error.WriteLine($"Key '{name}' ({role}) created. It is shown once and stored only as a hash.");
            return 0;
        });

        var (rotateName, rotateRole) = (Name(), Role());
        var rotate = new Command("rotate", "Gives a key a new secret; the old one stops working.") { rotateName, rotateRole };
        rotate.SetAction(async (parse, cancellationToken) =>
        {
            var (name, role) = (parse.GetValue(rotateName)!, parse.GetValue(rotateRole)!);
            Console.WriteLine(await keys.CreateSecretAsync(name, role, cancellationToken));
            Console.Error.WriteLine($"Key '{name}' ({role}) has a new secret; the old one no longer works.");
            return 0;
        });

        var list = new Command("list", "Lists the keys: name, role, when created and revoked.");
        list.SetAction(async (_, cancellationToken) =>
        {
            foreach (var key in await keys.ListAsync(cancellationToken))
            {
                Console.WriteLine($"{key.Name}\t{key.Role}\tcreated {key.CreatedAt:O}{(key.RevokedAt is { } at ? $"\trevoked {at:O}" : string.Empty)}");
            }

            return 0;
        });

        var revokeName = Name();
        var revoke = new Command("revoke", "Revokes a key; exit 1 when there is no such active key.") { revokeName };
        revoke.SetAction(async (parse, cancellationToken) =>
        {
            var name = parse.GetValue(revokeName)!;
            var revoked = await keys.RevokeAsync(name, cancellationToken);
            Console.Error.WriteLine(revoked ? $"Key '{name}' revoked." : $"No active key named '{name}'.");
            return revoked ? 0 : 1;
        });
        return new Command("keys", "Manages API keys.") { add, rotate, list, revoke };
    }
}
