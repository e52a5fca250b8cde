namespace AttackTracker.Api.Store;

/// <summary>
/// Where the store lives and who works in it. The owner (the migrations connection, or the login
/// itself) creates and migrates the schema; the service works as <see cref="ServiceRole"/>, which
/// may add events but never change or remove one.
/// </summary>
public sealed record StoreSettings(string ConnectionString, string MigrationConnectionString, string Schema, string ServiceRole)
{
    public const string ConnectionStringName = "EventStore";

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
        return new StoreSettings(
            connectionString,
            string.IsNullOrWhiteSpace(migrations) ? connectionString : migrations,
            configuration["EventStore:Schema"] is { Length: > 0 } schema ? schema : DefaultSchema,
            configuration["EventStore:ServiceRole"] ?? DefaultServiceRole);
    }
}
