using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace AttackTracker.EventStore.Migrations;

/// <summary>
/// Applies versioned SQL migrations once each, recording them in schema_migrations.
/// Several service instances may start together: an advisory lock per schema makes
/// them take turns, and the one that comes second finds nothing left to do.
/// </summary>
internal static partial class SchemaMigrator
{
    internal static readonly MigrationSource EventStoreMigrations =
        new("event_store", typeof(SchemaMigrator).Assembly, "AttackTracker.EventStore.Migrations.");

    public static async Task<IReadOnlyList<string>> ApplyAsync(
        NpgsqlDataSource dataSource, string schema, IEnumerable<MigrationSource> sources, CancellationToken cancellationToken)
    {
        var quoted = QuoteIdentifier(schema);
        var applied = new List<string>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", connection, transaction))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter { Value = "attacktracker.migrations:" + schema });
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction, $"""
            CREATE SCHEMA IF NOT EXISTS {quoted};
            CREATE TABLE IF NOT EXISTS {quoted}.schema_migrations (
                module     text        NOT NULL,
                version    int         NOT NULL,
                name       text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (module, version)
            );
            """, cancellationToken).ConfigureAwait(false);

        foreach (var source in sources)
        {
            var done = new HashSet<int>();
            await using (var read = new NpgsqlCommand($"SELECT version FROM {quoted}.schema_migrations WHERE module = $1", connection, transaction))
            {
                read.Parameters.Add(new NpgsqlParameter { Value = source.Module });
                await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    done.Add(reader.GetInt32(0));
                }
            }

            foreach (var (version, name, sql) in Scripts(source))
            {
                if (done.Contains(version))
                {
                    continue;
                }

                await ExecuteAsync(connection, transaction, sql.Replace("__schema__", quoted, StringComparison.Ordinal), cancellationToken).ConfigureAwait(false);
                await using var record = new NpgsqlCommand($"INSERT INTO {quoted}.schema_migrations (module, version, name) VALUES ($1, $2, $3)", connection, transaction);
                record.Parameters.Add(new NpgsqlParameter { Value = source.Module });
                record.Parameters.Add(new NpgsqlParameter { Value = version });
                record.Parameters.Add(new NpgsqlParameter { Value = name });
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                applied.Add($"{source.Module}/{name}");
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return applied;
    }

    public static string QuoteIdentifier(string identifier)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        return '"' + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + '"';
    }

    private static IEnumerable<(int Version, string Name, string Sql)> Scripts(MigrationSource source)
    {
        var scripts = new List<(int, string, string)>();
        foreach (var resource in source.Assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(source.ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var name = resource[source.ResourcePrefix.Length..];
            var match = ScriptName().Match(name);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Migration '{resource}' must be named NNNN_description.sql.");
            }

            using var stream = source.Assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add((int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), name, reader.ReadToEnd()));
        }

        var duplicate = scripts.GroupBy(s => s.Item1).FirstOrDefault(g => g.Count() > 1);
        return duplicate is not null
            ? throw new InvalidOperationException($"Two migrations of module '{source.Module}' share version {duplicate.Key}.")
            : scripts.OrderBy(s => s.Item1);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    [GeneratedRegex(@"^(\d{4})_[a-z0-9_]+\.sql$")]
    private static partial Regex ScriptName();
}
