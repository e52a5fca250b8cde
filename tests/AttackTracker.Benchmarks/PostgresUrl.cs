using System.Globalization;
using Npgsql;

namespace AttackTracker.Benchmarks;

/// <summary>
/// Accepts both forms a caller may pass: an Npgsql connection string, or a libpq URL
/// (postgresql://user[:password]@host[:port]/database?param=value), as the peer harness exports PGURL.
/// </summary>
public static class PostgresUrl
{
    public static string ToConnectionString(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (!text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
        {
            return new NpgsqlConnectionStringBuilder(text).ConnectionString;
        }

        var url = new Uri(text);
        var builder = new NpgsqlConnectionStringBuilder();
        if (url.Host.Length > 0)
        {
            builder.Host = url.DnsSafeHost;
        }

        if (url.Port > 0)
        {
            builder.Port = url.Port;
        }

        if (url.UserInfo.Length > 0)
        {
            var colon = url.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? url.UserInfo : url.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(url.UserInfo[(colon + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(url.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            switch (key)
            {
                case "host":
                    builder.Host = value;
                    break;
                case "port":
                    builder.Port = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "user":
                    builder.Username = value;
                    break;
                case "password":
                    builder.Password = value;
                    break;
                case "dbname":
                    builder.Database = value;
                    break;
                case "sslmode":
                    builder.SslMode = Enum.Parse<SslMode>(value.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true);
                    break;
                case "application_name":
                    builder.ApplicationName = value;
                    break;
                default:
                    throw new ArgumentException($"The URL parameter '{key}' is not supported here; pass an Npgsql connection string instead.");
            }
        }

        return builder.ConnectionString;
    }
}
