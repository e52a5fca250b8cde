using System.Diagnostics;

namespace AttackTracker.ClusterDrill;

/// <summary>src/tools/cluster.sh, run to its end: kills and restarts the cluster's parts.</summary>
public sealed class ClusterScript(string path)
{
    public async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [path, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"cluster.sh {string.Join(' ', arguments)} did not end within 5 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"cluster.sh {string.Join(' ', arguments)} exited with {process.ExitCode}: {await errors}");
        }

        return (await output).Trim();
    }
}
