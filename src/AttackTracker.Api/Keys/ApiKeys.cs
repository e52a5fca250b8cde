using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using AttackTracker.Api.Store;
using Npgsql;

namespace AttackTracker.Api.Keys;

public sealed record ApiKeyInfo(string Name, string Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>
/// API keys: 32 random bytes, shown once at creation and stored only as their SHA-256. A fast hash
/// is enough because the secret is random and long; a password hash would only slow every request.
/// A key found active is remembered for <paramref name="cacheFor"/> (Auth:KeyCacheSeconds, 5 s by
/// default), so a request does not cost a round trip for its key. Any change made through this
/// instance forgets every remembered key at once; a key revoked elsewhere (the CLI, another
/// instance) stops working here within that time. Unknown and revoked keys are never remembered.
/// </summary>
public sealed class ApiKeys(NpgsqlDataSource dataSource, StoreSettings settings, TimeProvider? time = null, TimeSpan? cacheFor = null)
{
    public const string Prefix = "atk_";
    private const int MaxRemembered = 10_000;

    // Keyed by the secret's hash, as the table is. The generation moves on every change made
    // here, so a lookup that read the table before a change never stores what it read after it.
    private readonly ConcurrentDictionary<string, (ApiKeyInfo Key, DateTimeOffset Until)> _active = new(StringComparer.Ordinal);
    private long _generation;
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly TimeSpan _cacheFor = cacheFor ?? TimeSpan.Zero;

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public async Task<string> CreateAsync(string name, string role, CancellationToken cancellationToken = default)
    {
        var secret = NewSecret();
        await SaveAsync(name, role, secret, replace: false, cancellationToken);
        return secret;
    }

    /// <summary>Creates or re-keys <paramref name="name"/> with a new random secret, un-revoking it.</summary>
    public async Task<string> CreateSecretAsync(string name, string role, CancellationToken cancellationToken = default)
    {
        var secret = NewSecret();
        await SaveAsync(name, role, secret, replace: true, cancellationToken);
        return secret;
    }

    /// <summary>Creates or re-keys <paramref name="name"/> with a known secret (the development key).</summary>
    public Task EnsureAsync(string name, string role, string secret, CancellationToken cancellationToken = default) =>
        SaveAsync(name, role, secret, replace: true, cancellationToken);

    /// <summary>The key with this secret if it exists and is not revoked.</summary>
    public Task<ApiKeyInfo?> FindActiveAsync(string secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return FindActiveByHashAsync(Convert.ToHexString(Hash(secret)), cancellationToken);
    }

    /// <summary>
    /// The key whose secret hashes to <paramref name="hash"/> (hex) if it exists and is not revoked:
    /// how a desk session, which keeps the hash and never the secret, finds out that its key was
    /// revoked or rotated.
    /// </summary>
    public async Task<ApiKeyInfo?> FindActiveByHashAsync(string hash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hash);
        var now = _time.GetUtcNow();
        if (_active.TryGetValue(hash, out var remembered) && remembered.Until > now)
        {
            return remembered.Key;
        }

        var generation = Interlocked.Read(ref _generation);
        var key = await FindByHashAsync(Convert.FromHexString(hash), cancellationToken);
        if (key is null || key.RevokedAt is not null)
        {
            _active.TryRemove(hash, out _);
            return null;
        }

        if (_cacheFor > TimeSpan.Zero)
        {
            if (_active.Count >= MaxRemembered)
            {
                _active.Clear();
            }

            _active[hash] = (key, now + _cacheFor);
            if (Interlocked.Read(ref _generation) != generation)
            {
                _active.TryRemove(hash, out _);
            }
        }

        return key;
    }

    public Task<ApiKeyInfo?> FindAsync(string secret, CancellationToken cancellationToken) => FindByHashAsync(Hash(secret), cancellationToken);

    private async Task<ApiKeyInfo?> FindByHashAsync(byte[] hash, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT name, role, created_at, revoked_at FROM \"{settings.Schema}\".api_keys WHERE key_hash = $1");
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = hash });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ApiKeyInfo(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3))
            : null;
    }

    public async Task<bool> RevokeAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"UPDATE \"{settings.Schema}\".api_keys SET revoked_at = now() WHERE name = $1 AND revoked_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        var revoked = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        Forget();
        return revoked;
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT name, role, created_at, revoked_at FROM \"{settings.Schema}\".api_keys ORDER BY name");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ApiKeyInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new ApiKeyInfo(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return keys;
    }

    private async Task SaveAsync(string name, string role, string secret, bool replace, CancellationToken cancellationToken)
    {
        if (!Roles.IsRole(role))
        {
            throw new ArgumentException($"'{role}' is not a role; use reader, analyst or editor.", nameof(role));
        }

        var conflict = replace
            ? "ON CONFLICT (name) DO UPDATE SET role = EXCLUDED.role, key_hash = EXCLUDED.key_hash, revoked_at = NULL"
            : string.Empty;
        await using var command = dataSource.CreateCommand(
            $"INSERT INTO \"{settings.Schema}\".api_keys (id, name, role, key_hash) VALUES ($1, $2, $3, $4) {conflict}");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = role });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = Hash(secret) });
        await command.ExecuteNonQueryAsync(cancellationToken);
        Forget();
    }

    private void Forget()
    {
        Interlocked.Increment(ref _generation);
        _active.Clear();
    }

    private static string NewSecret() => Prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
