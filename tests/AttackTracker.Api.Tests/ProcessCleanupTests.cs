namespace AttackTracker.Api.Tests;

/// <summary>The tests' own processes: whatever happens, none outlives the test that started it.</summary>
public sealed class ProcessCleanupTests
{
    [Fact]
    public async Task A_command_that_overruns_its_timeout_is_killed_with_its_children()
    {
        var pids = Path.GetTempFileName();
        try
        {
            await Assert.ThrowsAsync<TimeoutException>(() => Repository.RunAsync(
                "bash", ["-c", $"sleep 600 & echo \"$$ $!\" > {pids}; wait"], new Dictionary<string, string>(), TimeSpan.FromSeconds(5)));

            var started = (await File.ReadAllTextAsync(pids)).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Equal(2, started.Length);
            Assert.All(started, pid => Assert.False(Alive(pid), $"process {pid} is still running"));
        }
        finally
        {
            File.Delete(pids);
        }
    }

    /// <summary>Running, not a zombie waiting for its parent to read its status.</summary>
    private static bool Alive(string pid)
    {
        var status = Path.Combine("/proc", pid, "status");
        return File.Exists(status) && !File.ReadAllLines(status).Any(l => l.StartsWith("State:", StringComparison.Ordinal) && l.Contains('Z', StringComparison.Ordinal));
    }
}
