using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AttackTracker.Api.Tests;

/// <summary>The repository's paths, found from the test assembly's folder.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Configuration { get; } = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string ApiDll => Path.Combine(Root, "src/AttackTracker.Api/bin", Configuration, "net10.0/AttackTracker.Api.dll");

    public static string LocalPg => Path.Combine(Root, "src/tools/localpg.sh");

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Runs a command to its end and returns its exit code and output. On every other path (the
    /// timeout, a failure while waiting) the command and its children are killed before this
    /// throws: a test never leaves a process behind.
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(
        string file, IEnumerable<string> arguments, IDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        try
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException ex)
            {
                throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} did not end within {timeout.TotalSeconds:0} s and was killed.", ex);
            }

            return (process.ExitCode, (await output).Trim(), (await errors).Trim());
        }
        finally
        {
            Stop(process);
        }
    }

    /// <summary>Kills a process and its children unless it has ended, and waits for it.</summary>
    public static void Stop(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It ended meanwhile.
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AttackTracker.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (AttackTracker.slnx) was not found.");
    }
}

/// <summary>A private PostgreSQL cluster of its own (src/tools/localpg.sh), so crashing it disturbs no other test.</summary>
public sealed class ThrowawayCluster : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;

    private ThrowawayCluster(string directory, int port)
    {
        Directory = directory;
        _environment = new() { ["LOCALPG_DIR"] = directory, ["LOCALPG_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["LOCALPG_DATABASE"] = "chaos" };
    }

    public string Directory { get; }

    public string ConnectionString { get; private set; } = string.Empty;

    public static async Task<ThrowawayCluster> StartAsync()
    {
        var cluster = new ThrowawayCluster(Path.Combine(Path.GetTempPath(), "attacktracker-chaos-" + Guid.NewGuid().ToString("N")[..8]), Repository.FreePort());
        try
        {
            await cluster.StartAgainAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    public async Task StartAgainAsync() => ConnectionString = await ScriptAsync("start");

    /// <summary>pg_ctl stop -m immediate: the server dies without a checkpoint, as in a crash.</summary>
    public Task CrashAsync() => ScriptAsync("crash");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ScriptAsync("stop");
        }
        finally
        {
            if (System.IO.Directory.Exists(Directory))
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
        }
    }

    private async Task<string> ScriptAsync(string verb)
    {
        var (exit, output, errors) = await Repository.RunAsync("bash", [Repository.LocalPg, verb], _environment, TimeSpan.FromSeconds(300));
        return exit == 0 ? output : throw new InvalidOperationException($"localpg.sh {verb} failed: {errors}");
    }
}

/// <summary>
/// The API as a real process on Kestrel, so that it can be killed with SIGKILL. Whoever starts one
/// disposes it (<c>await using</c>) on every path; its start waits long enough for a loaded machine.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    /// <summary>How long a start may take to answer /health: minutes, not seconds, on two cores shared with the rest of the suite.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    private ServiceProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Every line the process wrote, standard output and error, in the order they arrived.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    public static Dictionary<string, string> Environment(string connectionString) => new()
    {
        ["ConnectionStrings__EventStore"] = connectionString,
        ["EventStore__Schema"] = "chaos",
        ["Samples__Load"] = "false",
        ["RateLimit__PermitsPerSecond"] = "1000000",
        ["RateLimit__Burst"] = "1000000",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    /// <summary>The service on real Kestrel at a free loopback port; <paramref name="settings"/> override <see cref="Environment"/>.</summary>
    public static async Task<ServiceProcess> StartAsync(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var address = new Uri($"http://127.0.0.1:{Repository.FreePort()}");
        var start = new ProcessStartInfo("dotnet", [Repository.ApiDll, "--urls", address.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in Environment(connectionString).Concat(settings ?? new Dictionary<string, string>()))
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        var service = new ServiceProcess(process, address);
        process.OutputDataReceived += (_, line) => service.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => service.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
            var deadline = DateTime.UtcNow + StartTimeout;
            while (DateTime.UtcNow < deadline && !process.HasExited)
            {
                try
                {
                    if ((await probe.GetAsync("/health")).IsSuccessStatusCode)
                    {
                        return service;
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }

                await Task.Delay(200);
            }
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }

        await service.DisposeAsync();
        var why = process.HasExited ? $"it exited with {process.ExitCode}" : $"it did not answer /health within {StartTimeout.TotalSeconds:0} s";
        throw new InvalidOperationException($"The service did not start: {why}. Its last lines:\n{string.Join('\n', service.Output.TakeLast(20))}");
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    /// <summary>A key made with the command line (<c>keys add NAME ROLE</c>) on the schema <paramref name="settings"/> name.</summary>
    public static async Task<string> AddKeyAsync(string connectionString, IReadOnlyDictionary<string, string> settings, string name, string role)
    {
        var environment = Environment(connectionString);
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        var (exit, apiKey, errors) = await Repository.RunAsync("dotnet", [Repository.ApiDll, "keys", "add", name, role], environment, TimeSpan.FromSeconds(180));
        Assert.True(exit == 0, errors);
        return apiKey.Trim();
    }

    public static async Task DropSchemaAsync(string connectionString, string schema)
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(connectionString);
        await using var drop = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>A client of this process that sends <paramref name="apiKey"/>.</summary>
    public HttpClient Client(string apiKey)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>SIGKILL: no shutdown, no flushing, no finally blocks.</summary>
    public void Kill() => Repository.Stop(_process);

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
