namespace AttackTracker.Api.Store;

/// <summary>
/// Where the store lives and who works in it. The owner (the migrations connection, or the login
/// itself) creates and migrates the schema; the service works as <see cref="ServiceRole"/>, which
/// may add events but never change or remove one.
/// </summary>
public sealed record StoreSettings(string ConnectionString, string MigrationConnectionString, string Schema, string ServiceRole)
{
    public const string ConnectionStringName = "EventStore";

    /// <summary>Optional: where reads that may come from a standby go (Store/ReadSessions.cs, docs/operations.md).</summary>
    public const string ReadsConnectionStringName = "EventStoreReads";

    /// <summary>Reads that may be served by a standby, e.g. a multi-host string with Target Session Attributes=prefer-standby; null when every read goes to the primary.</summary>
    public string? ReadConnectionString { get; init; }

    /// <summary>How long a standby read waits for the standby to replay a client's X-Read-After before the read goes to the primary.</summary>
    public TimeSpan ReadAfterWait { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Optional: the tables' owner, when the service logs in as a role that cannot create tables.</summary>
    public const string MigrationsConnectionStringName = "EventStoreMigrations";

    public const string DefaultSchema = "attacktracker";
    public const string DefaultServiceRole = "attacktracker_service";

    /// <summary>
    /// Reads the settings. Without a configured connection string the repository's private cluster
    /// is started (src/tools/localpg.sh); a deployed build has no such script and fails with a
    /// message naming ConnectionStrings__EventStore.
    /// </summary>
    public static StoreSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = LocalPostgres.StartAsync("attacktracker").GetAwaiter().GetResult();
            Console.Error.WriteLine($"Using the private PostgreSQL cluster: {connectionString}");
        }

        var migrations = configuration.GetConnectionString(MigrationsConnectionStringName);
        var reads = configuration.GetConnectionString(ReadsConnectionStringName);
        return new StoreSettings(
            connectionString,
            string.IsNullOrWhiteSpace(migrations) ? connectionString : migrations,
            configuration["EventStore:Schema"] is { Length: > 0 } schema ? schema : DefaultSchema,
            configuration["EventStore:ServiceRole"] ?? DefaultServiceRole)
        {
            ReadConnectionString = string.IsNullOrWhiteSpace(reads) ? null : reads,
            ReadAfterWait = TimeSpan.FromMilliseconds(configuration.GetValue("EventStore:ReadAfterWaitMilliseconds", 1000)),
        };
    }
}
