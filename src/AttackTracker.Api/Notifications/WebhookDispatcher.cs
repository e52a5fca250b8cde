using AttackTracker.Api.Store;
using AttackTracker.Domain.Notifications;
using Npgsql;

namespace AttackTracker.Api.Notifications;

/// <summary>
/// Delivers the webhooks. One node leads (a PostgreSQL advisory lock held by a connection of its
/// own, so a node that dies hands over when its connection does) and listens for wake-ups. It
/// starts at most Webhooks:MaxInFlight pieces of work at once: each is one subscription's
/// deliveries for one incident, in version order, one at a time, so that ordering holds. Each
/// subscription gets its own share of the slots, and one whose receiver hangs or fails is held to
/// one slot and then parked (<see cref="ReceiverHealth"/>), so a slow receiver delays only its own
/// deliveries. All delivery state is in the database: a restart resends what was not recorded as
/// delivered, with the same webhook-id.
/// </summary>
public sealed partial class WebhookDispatcher(
    NpgsqlDataSource dataSource, StoreSettings store, WebhookSettings settings, WebhookStore webhooks, WebhookDeliveries deliveries,
    WebhookDeadLetters deadLetters, WebhookSender sender, ReceiverHealth health, ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    private readonly Dictionary<string, Task> _inFlight = [];
    private readonly SemaphoreSlim _wake = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await LeadAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException or InvalidOperationException)
            {
                LogInterrupted(logger, ex);
            }

            try
            {
                await Task.Delay(settings.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await DrainAsync();
    }

    private async Task LeadAsync(CancellationToken stoppingToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        await using (var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended($1, 0))", connection))
        {
            take.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "attacktracker:webhooks:" + store.Schema });
            if (await take.ExecuteScalarAsync(stoppingToken) is not true)
            {
                // Another node delivers; ask again later, in case it has gone.
                await Task.Delay(settings.PollInterval * 4, stoppingToken);
                return;
            }
        }

        await using (var listen = new NpgsqlCommand($"LISTEN \"{deliveries.Channel.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        LogLeading(logger, settings.MaxInFlight);
        using var leading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var listening = ListenAsync(connection, leading.Token);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (listening.IsCompleted)
                {
                    // The lead's connection broke: so did its lock. Lead again from the start.
                    await listening;
                    return;
                }

                Reap();
                var free = settings.MaxInFlight - _inFlight.Count;
                if (free > 0)
                {
                    var due = await deliveries.DueAsync(free + _inFlight.Count, health.Closed(), settings.MaxInFlightPerSubscription, stoppingToken);
                    foreach (var work in due.Where(w => !_inFlight.ContainsKey(w.Key)))
                    {
                        if (free == 0)
                        {
                            break;
                        }

                        if (health.TryStart(work.SubscriptionId))
                        {
                            free--;
                            _inFlight[work.Key] = Task.Run(() => RunInSlotAsync(work, stoppingToken), CancellationToken.None);
                        }
                    }
                }

                // A NOTIFY (a fan-out, a replay) or a piece of work that ends wakes it at once;
                // otherwise it looks again after the poll interval.
                await _wake.WaitAsync(settings.PollInterval, stoppingToken);
                while (_wake.Wait(0, CancellationToken.None))
                {
                }
            }
        }
        finally
        {
            await leading.CancelAsync();
            try
            {
                await listening;
            }
            catch (Exception ex) when (ex is OperationCanceledException or NpgsqlException)
            {
                // Leaving the lead; its connection goes with it.
            }
        }
    }

    private async Task ListenAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        while (true)
        {
            await connection.WaitAsync(cancellationToken);
            _wake.Release();
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    private void Reap()
    {
        foreach (var (key, task) in _inFlight.Where(p => p.Value.IsCompleted).ToList())
        {
            _inFlight.Remove(key);
            if (task.Exception is { } failed)
            {
                LogWorkFailed(logger, key, failed.GetBaseException());
            }
        }
    }

    private async Task DrainAsync()
    {
        try
        {
            await Task.WhenAll(_inFlight.Values);
        }
        catch (Exception ex) when (ex is OperationCanceledException or NpgsqlException or HttpRequestException)
        {
            // Stopping: what was not recorded as delivered is sent again after the restart.
        }

        _inFlight.Clear();
    }

    private async Task RunInSlotAsync(DueWork work, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(work, cancellationToken);
        }
        finally
        {
            health.Finished(work.SubscriptionId);
            _wake.Release();
        }
    }

    private async Task RunAsync(DueWork work, CancellationToken cancellationToken)
    {
        if (work.DeadLetterId is { } deadLetterId)
        {
            await ReplayAsync(deadLetterId, cancellationToken);
            return;
        }

        if (await webhooks.SubscriptionAsync(work.SubscriptionId, cancellationToken) is not { } subscription)
        {
            return;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            if (await deliveries.CursorAsync(subscription, work.IncidentId, cancellationToken) is not { } cursor)
            {
                return;
            }

            if (cursor.Next is not { } next)
            {
                if (await deliveries.IdleAsync(subscription.Id, work.IncidentId, cursor.Wake, cancellationToken))
                {
                    return;
                }

                continue;
            }

            var attempt = await SendAsync(subscription, next, cancellationToken);
            var failures = cursor.Attempts + 1;
            switch (attempt.Result)
            {
                case AttemptResult.Delivered:
                    await deliveries.DeliveredAsync(subscription.Id, next, cancellationToken);
                    break;
                case AttemptResult.Retry when settings.Retries.DelayAfter(failures, attempt.RetryAfter, Random.Shared.NextDouble()) is { } delay:
                    await deliveries.BackOffAsync(subscription.Id, work.IncidentId, failures, delay, attempt.Error!, cancellationToken);
                    LogRetrying(logger, next.WebhookId, subscription.Id, failures, attempt.Error!, delay);
                    return;
                default:
                    await deliveries.DeadLetterAsync(subscription.Id, next, failures, attempt.Error!, cancellationToken);
                    LogDeadLettered(logger, next.WebhookId, subscription.Id, failures, attempt.Error!);
                    break;
            }
        }
    }

    private async Task ReplayAsync(Guid deadLetterId, CancellationToken cancellationToken)
    {
        if (await deadLetters.ReplayStateAsync(deadLetterId, cancellationToken) is not { } replay
            || await webhooks.SubscriptionAsync(replay.SubscriptionId, cancellationToken) is not { } subscription)
        {
            return;
        }

        var attempt = await SendAsync(subscription, replay.Notification, cancellationToken);
        var failures = replay.ReplayAttempts + 1;
        TimeSpan? retryIn = attempt.Result == AttemptResult.Retry ? settings.Retries.DelayAfter(failures, attempt.RetryAfter, Random.Shared.NextDouble()) : null;
        await deadLetters.ReplayedAsync(deadLetterId, attempt.Result == AttemptResult.Delivered, retryIn, failures, attempt.Error, cancellationToken);
    }

    /// <summary>One attempt, and what it says about the receiver: one that fails slowly again and again is parked.</summary>
    private async Task<Attempt> SendAsync(Subscription subscription, PendingNotification notification, CancellationToken cancellationToken)
    {
        var attempt = await sender.SendAsync(subscription, notification, cancellationToken);
        if (!attempt.Slow)
        {
            health.Answered(subscription.Id);
        }
        else if (health.Failed(subscription.Id))
        {
            LogParked(logger, subscription.Id, settings.ParkAfter, settings.ParkFor, attempt.Error!);
        }

        return attempt;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription {SubscriptionId} is parked after {Failures} failed attempts in a row (last: {Error}); one delivery probes it again after {ParkFor}")]
    private static partial void LogParked(ILogger logger, Guid subscriptionId, int failures, TimeSpan parkFor, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "This node delivers the webhooks, at most {MaxInFlight} at once")]
    private static partial void LogLeading(ILogger logger, int maxInFlight);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery was interrupted; it resumes from the database")]
    private static partial void LogInterrupted(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook work {Key} failed; it is picked up again at the next poll")]
    private static partial void LogWorkFailed(ILogger logger, string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {WebhookId} to subscription {SubscriptionId} failed (attempt {Attempts}: {Error}); next try in {Delay}")]
    private static partial void LogRetrying(ILogger logger, string webhookId, Guid subscriptionId, int attempts, string error, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId} to subscription {SubscriptionId} is dead-lettered after {Attempts} attempts: {Error}")]
    private static partial void LogDeadLettered(ILogger logger, string webhookId, Guid subscriptionId, int attempts, string error);
}
