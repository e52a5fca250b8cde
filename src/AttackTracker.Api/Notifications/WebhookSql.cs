using Npgsql;

namespace AttackTracker.Api.Notifications;

/// <summary>The parameters and readers the webhook tables' statements share.</summary>
internal static class WebhookSql
{
    public static async Task<int> ExecuteAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static NpgsqlParameter Nullable(string? text) =>
        new() { Value = (object?)text ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text };

    public static NpgsqlParameter NullableId(Guid? id) =>
        new() { Value = (object?)id ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid };

    public static NpgsqlParameter Array<T>(IReadOnlyCollection<T>? items) => new()
    {
        Value = items is null ? DBNull.Value : items.ToArray(),
        NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | (typeof(T) == typeof(Guid) ? NpgsqlTypes.NpgsqlDbType.Uuid : NpgsqlTypes.NpgsqlDbType.Text),
    };

    public static string? Text(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    public static DateTimeOffset? Time(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<DateTimeOffset>(i);

    public static Guid[]? Guids(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<Guid[]>(i);

    public static string[]? Texts(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<string[]>(i);
}
