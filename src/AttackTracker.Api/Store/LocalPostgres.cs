using System.Diagnostics;

namespace AttackTracker.Api.Store;

/// <summary>
/// Starts (or reuses) the repository's private PostgreSQL cluster through src/tools/localpg.sh,
/// for development and tests when no connection string is configured.
/// </summary>
public static class LocalPostgres
{
    /// <summary>The script's path relative to the repository root.</summary>
    public const string ScriptPath = "src/tools/localpg.sh";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<string>>> Started = new(StringComparer.Ordinal);

    /// <summary>Starts the cluster if needed, creates <paramref name="database"/> if missing, and returns its connection string.</summary>
    /// <exception cref="InvalidOperationException">No repository script was found, or the cluster could not start; the message says why and what to do.</exception>
    public static Task<string> StartAsync(string database, CancellationToken cancellationToken = default)
    {
        var start = Started.GetOrAdd(database, d => new Lazy<Task<string>>(() => RunScriptAsync(d, cancellationToken)));
        if (start.Value.IsFaulted || start.Value.IsCanceled)
        {
            Started.TryRemove(database, out _);
        }

        return start.Value;
    }

    private static async Task<string> RunScriptAsync(string database, CancellationToken cancellationToken)
    {
        var script = FindScript()
            ?? throw new InvalidOperationException(
                "No connection string is configured (ConnectionStrings__EventStore) and the private cluster script "
                + $"({ScriptPath}) was not found above {AppContext.BaseDirectory}. Set ConnectionStrings__EventStore.");

        var start = new ProcessStartInfo("bash", [script, "start"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["LOCALPG_DATABASE"] = database;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not run bash.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var connectionString = (await output.ConfigureAwait(false)).Trim();
        if (process.ExitCode != 0 || connectionString.Length == 0)
        {
            throw new InvalidOperationException(
                $"The private PostgreSQL cluster did not start ({script} exited with {process.ExitCode}):{Environment.NewLine}"
                + (await errors.ConfigureAwait(false)).Trim());
        }

        return connectionString;
    }

    private static string? FindScript()
    {
        foreach (var origin in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(origin); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, ScriptPath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
