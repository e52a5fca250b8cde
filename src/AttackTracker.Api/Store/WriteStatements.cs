using System.Data.Common;
using Marten.Linq.QueryHandlers;
using Npgsql;
using NpgsqlTypes;
using Weasel.Postgresql;
using Weasel.Storage;

namespace AttackTracker.Api.Store;

/// <summary>
/// The project's own statements in a write's load batch (<see cref="WriteUnit"/>), beside Marten's
/// stream locks and document loads: they travel in one round trip and run in order, in the write's
/// transaction. Parameters are written as <c>^</c>.
/// </summary>
internal sealed class WriteStatement<T>(string[] statements, object?[] parameters, Func<DbDataReader, CancellationToken, Task<T>> read) : IQueryHandler<T>
{
    public WriteStatement(string sql, object?[] parameters, Func<DbDataReader, CancellationToken, Task<T>> read)
        : this([sql], parameters, read)
    {
    }

    public void ConfigureCommand(ICommandBuilder builder, IStorageSession session)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var next = 0;
        for (var i = 0; i < statements.Length; i++)
        {
            if (i > 0)
            {
                builder.StartNewCommand();
            }

            foreach (var parameter in builder.AppendWithParameters(statements[i], '^'))
            {
                Bind(parameter, parameters[next++]);
            }
        }
    }

    public Task<T> HandleAsync(DbDataReader reader, IStorageSession session, CancellationToken token) => read(reader, token);

    public Task<int> StreamJson(Stream stream, DbDataReader reader, CancellationToken token) => throw new NotSupportedException();

    private static void Bind(NpgsqlParameter parameter, object? value)
    {
        switch (value)
        {
            case null:
                parameter.Value = DBNull.Value;
                break;
            case Guid[] ids:
                parameter.Value = ids;
                parameter.NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid;
                break;
            case string[] texts:
                parameter.Value = texts;
                parameter.NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text;
                break;
            case string text:
                parameter.Value = text;
                parameter.NpgsqlDbType = NpgsqlDbType.Text;
                break;
            case byte[] bytes:
                parameter.Value = bytes;
                parameter.NpgsqlDbType = NpgsqlDbType.Bytea;
                break;
            case TimeSpan span:
                parameter.Value = span;
                parameter.NpgsqlDbType = NpgsqlDbType.Interval;
                break;
            default:
                parameter.Value = value;
                break;
        }
    }
}

internal static class WriteStatements
{
    public static WriteStatement<bool> Execute(string sql, params object?[] parameters) =>
        new(sql, parameters, static (_, _) => Task.FromResult(true));

    /// <summary>The database's clock, read by the last statement of a batch: after every lock the batch takes.</summary>
    public static WriteStatement<DateTimeOffset> Clock() =>
        new("SELECT clock_timestamp()", [], static async (reader, token) =>
        {
            await reader.ReadAsync(token);
            return reader.GetFieldValue<DateTimeOffset>(0);
        });

    /// <summary>The type and version of each of these streams that exists.</summary>
    public static WriteStatement<IReadOnlyDictionary<Guid, (string? Type, long Version)>> Streams(string schema, Guid[] ids) =>
        new($"""SELECT id, type, version FROM "{schema}".mt_streams WHERE id = ANY(^)""", [ids], static async (reader, token) =>
        {
            var streams = new Dictionary<Guid, (string?, long)>();
            while (await reader.ReadAsync(token))
            {
                streams[reader.GetGuid(0)] = (reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2));
            }

            return streams;
        });
}
