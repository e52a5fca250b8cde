using Npgsql;

namespace AttackTracker.Benchmarks;

/// <summary>What every phase shares: the options, the server, the payload, the results and where the repository is.</summary>
public sealed class BenchContext(BenchOptions options, string connectionString, string repositoryRoot, Payload payload, ResultSink results, Database database)
{
    public BenchOptions Options { get; } = options;

    /// <summary>An Npgsql connection string (a URL given on the command line is converted).</summary>
    public string ConnectionString { get; } = connectionString;

    public string RepositoryRoot { get; } = repositoryRoot;

    public Payload Payload { get; } = payload;

    public ResultSink Results { get; } = results;

    public Database Database { get; } = database;

    public TextWriter Progress { get; } = Console.Error;

    private Task<ReadDataset>? _readDataset;

    /// <summary>The read data set, loaded by the first phase that needs it and shared by the others.</summary>
    public Task<ReadDataset> ReadDatasetAsync(CancellationToken cancellationToken)
    {
        if (_readDataset is null || _readDataset.IsFaulted || _readDataset.IsCanceled)
        {
            _readDataset = ReadDataset.LoadAsync(this, cancellationToken);
        }

        return _readDataset;
    }

    /// <summary>A pool for the raw baselines, with automatic preparation as a tuned client would use.</summary>
    public NpgsqlDataSource CreateDataSource()
    {
        var builder = new NpgsqlDataSourceBuilder(ConnectionString);
        builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        return builder.Build();
    }

    public void Say(string message) => Progress.WriteLine($"{DateTime.Now:HH:mm:ss}  {message}");

    /// <summary>Where the harness runs it from: the first folder up from here that holds AttackTracker.slnx.</summary>
    public static string? FindRepositoryRoot()
    {
        foreach (var origin in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(origin); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AttackTracker.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
