using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace AttackTracker.Api.Tests.Store;

/// <summary>
/// One round trip a client made to PostgreSQL: the statements it sent before waiting for the
/// server (a Sync of the extended protocol, or a simple Query), on which connection, and when.
/// </summary>
public sealed record RoundTrip(int Connection, DateTimeOffset At, IReadOnlyList<string> Statements)
{
    public override string ToString() => $"#{Connection}: {string.Join(" | ", Statements.Select(s => s.Length > 90 ? s[..90] + "…" : s))}";
}

/// <summary>
/// A loopback proxy in front of the test's PostgreSQL that reads the protocol the service speaks
/// and records every round trip: what a request costs is counted on the wire, whatever library
/// sent it. Named prepared statements are resolved to the text they were parsed from.
/// </summary>
public sealed class WireCounter : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _host;
    private readonly int _port;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<RoundTrip> _trips = new();
    private int _connections;

    public WireCounter(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        _host = target.Host!;
        _port = target.Port;
        _listener.Start();
        target.Host = "127.0.0.1";
        target.Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        target.SslMode = SslMode.Disable;
        target.GssEncryptionMode = GssEncryptionMode.Disable;
        ConnectionString = target.ConnectionString;
        _ = AcceptAsync();
    }

    /// <summary>The connection string that goes through the proxy.</summary>
    public string ConnectionString { get; }

    public IReadOnlyList<RoundTrip> Since(DateTimeOffset start) => [.. _trips.Where(t => t.At >= start)];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = RelayAsync(client, Interlocked.Increment(ref _connections));
        }
    }

    private async Task RelayAsync(TcpClient client, int connection)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(_host, _port, _stop.Token);
                var fromClient = client.GetStream();
                var toServer = server.GetStream();
                var back = server.GetStream().CopyToAsync(fromClient, _stop.Token);
                await ReadClientAsync(fromClient, toServer, connection);
                await back;
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    /// <summary>Forwards the client's bytes message by message, recording what they say.</summary>
    private async Task ReadClientAsync(NetworkStream client, NetworkStream server, int connection)
    {
        var statements = new Dictionary<string, string>(StringComparer.Ordinal);
        var pending = new List<string>();
        var header = new byte[5];

        // The startup message has no type byte: a length, then the body.
        await client.ReadExactlyAsync(header.AsMemory(0, 4), _stop.Token);
        var startup = new byte[BinaryPrimitives.ReadInt32BigEndian(header) - 4];
        await client.ReadExactlyAsync(startup, _stop.Token);
        await server.WriteAsync(header.AsMemory(0, 4), _stop.Token);
        await server.WriteAsync(startup, _stop.Token);

        while (true)
        {
            await client.ReadExactlyAsync(header, _stop.Token);
            var body = new byte[BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1)) - 4];
            await client.ReadExactlyAsync(body, _stop.Token);
            switch ((char)header[0])
            {
                case 'P':
                    var name = CString(body, 0, out var next);
                    var text = CString(body, next, out _);
                    statements[name] = text;
                    if (name.Length == 0)
                    {
                        pending.Add(text);
                    }

                    break;
                case 'B':
                    CString(body, 0, out var afterPortal);
                    var statement = CString(body, afterPortal, out _);
                    if (statement.Length > 0 && statements.TryGetValue(statement, out var prepared))
                    {
                        pending.Add(prepared);
                    }

                    break;
                case 'Q':
                    pending.Add(CString(body, 0, out _));
                    Record(connection, pending);
                    break;
                case 'S':
                    Record(connection, pending);
                    break;
            }

            await server.WriteAsync(header, _stop.Token);
            await server.WriteAsync(body, _stop.Token);
            if (header[0] == 'X')
            {
                return;
            }
        }
    }

    private void Record(int connection, List<string> statements)
    {
        _trips.Enqueue(new RoundTrip(connection, DateTimeOffset.UtcNow, [.. statements]));
        statements.Clear();
    }

    private static string CString(byte[] body, int start, out int next)
    {
        var end = Array.IndexOf(body, (byte)0, start);
        next = end + 1;
        return Encoding.UTF8.GetString(body, start, end - start);
    }
}
