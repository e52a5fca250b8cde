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

    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(
        string file, IEnumerable<string> arguments, IDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, (await output).Trim(), (await errors).Trim());
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
        await cluster.StartAgainAsync();
        return cluster;
    }

    public async Task StartAgainAsync() => ConnectionString = await ScriptAsync("start");

    /// <summary>pg_ctl stop -m immediate: the server dies without a checkpoint, as in a crash.</summary>
    public Task CrashAsync() => ScriptAsync("crash");

    public async ValueTask DisposeAsync()
    {
        await ScriptAsync("stop");
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private async Task<string> ScriptAsync(string verb)
    {
        var (exit, output, errors) = await Repository.RunAsync("bash", [Repository.LocalPg, verb], _environment, TimeSpan.FromSeconds(120));
        return exit == 0 ? output : throw new InvalidOperationException($"localpg.sh {verb} failed: {errors}");
    }
}

/// <summary>The API as a real process on Kestrel, so that it can be killed with SIGKILL.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServiceProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

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
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new ServiceProcess(process, address);
        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
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

        await service.DisposeAsync();
        throw new InvalidOperationException("The service did not become healthy within 60 s.");
    }

    /// <summary>A key made with the command line (<c>keys add NAME ROLE</c>) on the schema <paramref name="settings"/> name.</summary>
    public static async Task<string> AddKeyAsync(string connectionString, IReadOnlyDictionary<string, string> settings, string name, string role)
    {
        var environment = Environment(connectionString);
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        var (exit, apiKey, errors) = await Repository.RunAsync("dotnet", [Repository.ApiDll, "keys", "add", name, role], environment, TimeSpan.FromSeconds(60));
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
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>SIGKILL: no shutdown, no flushing, no finally blocks.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        await Task.CompletedTask;
        _process.Dispose();
    }
}
