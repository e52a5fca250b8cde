using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using AttackTracker.Domain.Notifications;
using StandardWebhooks;

namespace AttackTracker.Api.Notifications;

/// <summary>What one attempt came to, why it failed, and the receiver's Retry-After.</summary>
public sealed record Attempt(AttemptResult Result, string? Error = null, TimeSpan? RetryAfter = null);

/// <summary>A target whose every address is on loopback or a private network, while Webhooks:AllowPrivateNetworks is off.</summary>
public sealed class RefusedTargetException(string message) : Exception(message);

/// <summary>
/// Sends one webhook: POSTs the stored body with the Standard Webhooks headers (webhook-id, the
/// time of this attempt, one v1 signature per signing secret, from the StandardWebhooks package),
/// within the per-delivery timeout, and classifies the answer (<see cref="RetrySchedule.Classify"/>).
/// Redirects are not followed: the subscription names the URL that receives.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    public const string UserAgent = "AttackTracker-Webhooks/1";

    private readonly HttpClient _client;
    private readonly WebhookSettings _settings;
    private readonly TimeProvider _clock;

    public WebhookSender(WebhookSettings settings, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _clock = clock;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = settings.Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            MaxConnectionsPerServer = settings.MaxInFlight,
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<Attempt> SendAsync(Subscription subscription, PendingNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(notification);
        var now = _clock.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(notification.Body, Encoding.UTF8, "application/json"),
        };
        var id = notification.WebhookId;
        request.Headers.TryAddWithoutValidation("webhook-id", id);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature",
            string.Join(' ', subscription.SigningSecrets(now).Select(secret => new StandardWebhook(secret).Sign(id, now, notification.Body))));
        request.Headers.UserAgent.ParseAdd(UserAgent);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.Timeout);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return RetrySchedule.Classify(status) switch
            {
                AttemptResult.Delivered => new Attempt(AttemptResult.Delivered),
                AttemptResult.Retry => new Attempt(AttemptResult.Retry, $"HTTP {status}", RetryAfter(response, now)),
                _ => new Attempt(AttemptResult.Permanent, $"HTTP {status}; not retried (only 408, 429 and 5xx are)"),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Attempt(AttemptResult.Retry, $"no answer within {_settings.Timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException ex) when (ex.InnerException is RefusedTargetException refused)
        {
            return new Attempt(AttemptResult.Permanent, refused.Message);
        }
        catch (HttpRequestException ex)
        {
            return new Attempt(AttemptResult.Retry, $"connection failed ({ex.HttpRequestError}): {Shorten(ex.Message)}");
        }
    }

    public void Dispose() => _client.Dispose();

    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } when date > now => date - now,
        _ => null,
    };

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (!_settings.AllowPrivateNetworks)
        {
            addresses = [.. addresses.Where(a => !IsPrivate(a))];
            if (addresses.Length == 0)
            {
                throw new RefusedTargetException($"{host} is on loopback or a private network, which Webhooks:AllowPrivateNetworks does not allow.");
            }
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Loopback, private (RFC 1918, unique local), link-local, shared (100.64/10), unspecified or multicast.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes()[0];
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (first & 0xFE) == 0xFC;
        }

        var b = address.GetAddressBytes();
        return b[0] is 0 or 10 or 127 || b[0] >= 224
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 172 && b[1] is >= 16 and <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 100 && b[1] is >= 64 and <= 127);
    }
}
