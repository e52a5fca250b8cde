using System.CommandLine;
using AttackTracker.Api.Store;
using AttackTracker.Domain;

namespace AttackTracker.Api.Admin;

/// <summary>
/// The service's command line: verbs that run against the configured database and exit, parsed by
/// System.CommandLine (help with <c>--help</c> on every verb). A verb prints only its result on
/// standard output; logs and progress go to standard error. Anything else (Wolverine's and
/// JasperFx's own commands, such as <c>codegen write</c>) is left to them.
/// </summary>
public static class CommandLine
{
    private static readonly string[] Verbs = ["keys", "verify", "rebuild", "export", "import", "restore"];

    public static bool IsVerb(string[] args) => args is [var verb, ..] && Verbs.Contains(verb, StringComparer.Ordinal);

    public static WebApplicationBuilder AddCommandLine(this WebApplicationBuilder builder, string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (IsVerb(args))
        {
            builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        return builder;
    }

    /// <summary>Runs a verb and answers its exit code (2 for a command line that does not parse), or null when the arguments are not one.</summary>
    public static async Task<int?> TryRunAsync(WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!IsVerb(args))
        {
            return null;
        }

        var root = new RootCommand("AttackTracker's administration and data exchange verbs.");
        foreach (var command in AdminCommands.Commands(app.Services).Concat(Exchange.ExchangeCommands.Commands(app.Services)))
        {
            root.Subcommands.Add(command);
        }

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine(error.Message);
            }

            Console.Error.WriteLine($"Run with --help for the usage of '{string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')).Take(2))}'.");
            return 2;
        }

        if (!args.Contains("--help") && !args.Contains("-h") && !args.Contains("-?"))
        {
            try
            {
                await app.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(CancellationToken.None);
            }
            catch (StoreUnavailableException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message);
                return 1;
            }
        }

        return await parsed.InvokeAsync();
    }

    /// <summary>Prints what is wrong with the verb's values and answers the usage exit code.</summary>
    public static int Refuse(ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        Console.Error.WriteLine(string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key} {string.Join(' ', e.Value)}")));
        return 2;
    }
}
