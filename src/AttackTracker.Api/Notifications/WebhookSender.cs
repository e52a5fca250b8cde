using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using AttackTracker.Domain.Notifications;
using StandardWebhooks;

namespace AttackTracker.Api.Notifications;

/// <summary>
/// What one attempt came to, why it failed, the receiver's Retry-After, and whether it failed
/// slowly (after half the timeout or more: a receiver that holds a delivery slot, which
/// <see cref="ReceiverHealth"/> parks; one that fails fast costs little and just follows the retry schedule).
/// </summary>
public sealed record Attempt(AttemptResult Result, string? Error = null, TimeSpan? RetryAfter = null, bool Slow = false);

/// <summary>A target with no address the service may connect to: its name does not resolve, or every address is closed (<see cref="TargetAddresses"/>).</summary>
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
    private readonly IWebProxy? _proxy;

    public WebhookSender(WebhookSettings settings, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _clock = clock;
        _proxy = settings.Proxy;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = settings.Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            MaxConnectionsPerServer = settings.MaxInFlight,
            ConnectCallback = ConnectAsync,
            UseProxy = _proxy is not null,
            Proxy = _proxy,
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

        var started = _clock.GetTimestamp();
        var attempt = await AttemptAsync(request, now, cancellationToken);
        return attempt.Result == AttemptResult.Delivered ? attempt : attempt with { Slow = _clock.GetElapsedTime(started) >= _settings.Timeout / 2 };
    }

    private async Task<Attempt> AttemptAsync(HttpRequestMessage request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.Timeout);
        try
        {
            if (ThroughProxy(request.RequestUri!))
            {
                // A connection to the proxy is pooled and reused for every receiver, so the check
                // cannot wait for a new connection (ConnectAsync): it is made for every request.
                await ResolveAsync(request.RequestUri!.IdnHost, timeout.Token);
            }

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
        catch (RefusedTargetException refused)
        {
            return new Attempt(AttemptResult.Retry, refused.Message);
        }
        catch (HttpRequestException ex) when (ex.InnerException is RefusedTargetException refused)
        {
            // Retried like a name that does not resolve, which it reads the same as (RefusedTargetException).
            return new Attempt(AttemptResult.Retry, refused.Message);
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

    private bool ThroughProxy(Uri target) => _proxy is not null && !_proxy.IsBypassed(target) && _proxy.GetProxy(target) is not null;

    /// <summary>
    /// Connects to the receiver, or to the egress proxy that reaches it (Webhooks:Proxy). The
    /// address check is made on the receiver's addresses in both cases, never on the proxy's, which
    /// the operator chose: directly on the addresses connected to, so that a name that resolves
    /// elsewhere later is caught too; through a proxy on the addresses the receiver's name has now,
    /// before every request (AttemptAsync; the proxy resolves it again, and should keep its own
    /// egress rules).
    /// </summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var target = context.InitialRequestMessage.RequestUri!;
        var proxied = ThroughProxy(target) && _proxy!.GetProxy(target) is { } proxy
            && string.Equals(proxy.Host, endpoint.Host, StringComparison.OrdinalIgnoreCase) && proxy.Port == endpoint.Port;
        var addresses = proxied
            ? await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken)
            : await ResolveAsync(endpoint.Host, cancellationToken);

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The addresses of <paramref name="host"/> a webhook may connect to. A name that does not
    /// resolve and one that resolves only to closed addresses fail with the same message, so a
    /// subscription's lastError cannot be used to probe which internal names exist.
    /// </summary>
    private async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (SocketException)
        {
            addresses = [];
        }

        if (!_settings.AllowPrivateNetworks)
        {
            addresses = [.. addresses.Where(a => !TargetAddresses.IsPrivate(a))];
        }

        return addresses.Length > 0 ? addresses : throw new RefusedTargetException(Unreachable(host));
    }

    public static string Unreachable(string host) =>
        $"{host} has no address the service may connect to: the name does not resolve, or only to addresses that Webhooks:AllowPrivateNetworks does not allow.";
}
