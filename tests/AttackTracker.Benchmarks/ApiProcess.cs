using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AttackTracker.Api.Keys;

namespace AttackTracker.Benchmarks;

/// <summary>
/// The built API as a child process on 127.0.0.1 (a real Kestrel, Production settings), on a schema of
/// its own, with an editor key and a rate limit too high to matter. A small shell wrapper holds the
/// child: it stops the API as soon as this process lets go of the wrapper's stdin, so an API is never
/// left running when the benchmark is killed.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    // $1 dotnet, $2 the API dll, $3 the URL, $4 the log file. The wrapper prints the API's pid, then
    // waits for its stdin to close (the benchmark ended, however it ended) and stops the API.
    private const string Wrapper = """
        "$1" "$2" --urls "$3" >"$4" 2>&1 </dev/null &
        api=$!
        echo "$api"
        while read -r _; do :; done
        kill -TERM "$api" 2>/dev/null
        for _ in $(seq 1 100); do kill -0 "$api" 2>/dev/null || exit 0; sleep 0.1; done
        kill -KILL "$api" 2>/dev/null
        """;

    private readonly Process _wrapper;
    private readonly string _log;

    private ApiProcess(Process wrapper, int pid, Uri address, string log, string key, TimeSpan startup)
    {
        Startup = startup;
        _wrapper = wrapper;
        Pid = pid;
        Address = address;
        _log = log;
        Client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = address,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        Client.DefaultRequestHeaders.Add(ApiKeyAuthentication.Header, key);
    }

    private bool _stopped;

    public int Pid { get; }

    /// <summary>From spawning the process to its first healthy answer.</summary>
    public TimeSpan Startup { get; }

    public Uri Address { get; }

    /// <summary>A client that sends the editor key; every phase bounds its calls with its own token.</summary>
    public HttpClient Client { get; }

    /// <summary>The API's peak resident set so far (VmHWM), in MiB.</summary>
    public double PeakRssMegabytes()
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kilobytes / 1024.0;
            }
        }

        return double.NaN;
    }

    /// <summary>Drops <paramref name="schema"/> (unless it is to be kept), starts the API on it, waits until it answers, and creates an editor key.</summary>
    public static async Task<ApiProcess> StartAsync(BenchContext context, string schema, CancellationToken cancellationToken, bool fresh = true)
    {
        ArgumentNullException.ThrowIfNull(context);
        var dll = context.Options.ApiDll
            ?? Path.Combine(context.RepositoryRoot, "src", "AttackTracker.Api", "bin", "Release", "net10.0", "AttackTracker.Api.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"The API is not built: {dll}. Run `dotnet build -c Release` first, or pass --api-dll.", dll);
        }

        if (fresh)
        {
            await context.Database.DropSchemaAsync(schema, cancellationToken);
        }

        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var log = Path.Combine(Path.GetTempPath(), $"attacktracker-bench-api-{schema}-{Environment.ProcessId}.log");
        var start = new ProcessStartInfo("bash", ["-c", Wrapper, "bench-api", "dotnet", dll, address.ToString().TrimEnd('/'), log])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var environment = start.Environment;
        environment["ConnectionStrings__EventStore"] = context.ConnectionString;
        environment["EventStore__Schema"] = schema;
        environment["Samples__Load"] = "false";
        environment["RateLimit__PermitsPerSecond"] = "1000000";
        environment["RateLimit__Burst"] = "1000000";
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["Logging__LogLevel__Default"] = "Warning";
        var spawned = Stopwatch.StartNew();
        var wrapper = Process.Start(start) ?? throw new InvalidOperationException("Could not run bash.");
        try
        {
            var pidLine = await wrapper.StandardOutput.ReadLineAsync(cancellationToken);
            var pid = int.Parse(pidLine ?? throw new InvalidOperationException("The API wrapper printed no pid."), CultureInfo.InvariantCulture);
            await WaitUntilHealthyAsync(address, pid, log, cancellationToken);
            var startup = spawned.Elapsed;
            var key = await CreateKeyAsync(context, schema, cancellationToken);
            return new ApiProcess(wrapper, pid, address, log, key, startup);
        }
        catch
        {
            await StopAsync(wrapper);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Stopped once: a phase may stop the service early (a cold start) and then leave its scope.
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        Client.Dispose();
        await StopAsync(_wrapper);
        File.Delete(_log);
    }

    private static async Task StopAsync(Process wrapper)
    {
        wrapper.StandardInput.Close();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await wrapper.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            wrapper.Kill();
        }

        wrapper.Dispose();
    }

    private static async Task WaitUntilHealthyAsync(Uri address, int pid, string log, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (!File.Exists($"/proc/{pid}/status"))
            {
                throw new InvalidOperationException($"The API exited at start:{Environment.NewLine}{Tail(log)}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A slow first answer on a busy machine; ask again.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"The API did not answer /health within 90 s:{Environment.NewLine}{Tail(log)}");
    }

    private static async Task<string> CreateKeyAsync(BenchContext context, string schema, CancellationToken cancellationToken)
    {
        // Through the service's own ApiKeys (stored as a hash, role editor) on the schema the API has migrated.
        var keys = new ApiKeys(context.Database.Admin, Stores.Settings(context, schema));
        return await keys.CreateSecretAsync("benchmark", Roles.Editor, cancellationToken);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Tail(string log) =>
        File.Exists(log) ? string.Join(Environment.NewLine, File.ReadLines(log).TakeLast(30)) : "(no log)";
}
