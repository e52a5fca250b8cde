using AttackTracker.Api.Store;
using AttackTracker.Domain.Notifications;
using Npgsql;

namespace AttackTracker.Api.Notifications;

/// <summary>
/// Delivers the webhooks. One node leads (a PostgreSQL advisory lock held by a connection of its
/// own, so a node that dies hands over when its connection does) and listens for wake-ups. It
/// starts at most Webhooks:MaxInFlight pieces of work at once: each is one subscription's
/// deliveries for one incident, in version order, one at a time, so that ordering holds and a
/// slow receiver holds only its own slots. All state is in the database: a restart resends what
/// was not recorded as delivered, with the same webhook-id.
/// </summary>
public sealed partial class WebhookDispatcher(
    NpgsqlDataSource dataSource, StoreSettings store, WebhookSettings settings, WebhookStore webhooks, WebhookSender sender, ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    private readonly Dictionary<string, Task> _inFlight = [];

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

        await using (var listen = new NpgsqlCommand($"LISTEN \"{webhooks.Channel.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        LogLeading(logger, settings.MaxInFlight);
        while (!stoppingToken.IsCancellationRequested)
        {
            Reap();
            var free = settings.MaxInFlight - _inFlight.Count;
            if (free > 0)
            {
                foreach (var work in (await webhooks.DueAsync(free + _inFlight.Count, stoppingToken)).Where(w => !_inFlight.ContainsKey(w.Key)).Take(free))
                {
                    _inFlight[work.Key] = Task.Run(() => RunAsync(work, stoppingToken), CancellationToken.None);
                }
            }

            // A NOTIFY (a fan-out, a replay) wakes it at once; otherwise it looks again after the poll interval.
            await connection.WaitAsync(settings.PollInterval, stoppingToken);
        }
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
            if (await webhooks.CursorAsync(subscription, work.IncidentId, cancellationToken) is not { } cursor)
            {
                return;
            }

            if (cursor.Next is not { } next)
            {
                if (await webhooks.IdleAsync(subscription.Id, work.IncidentId, cursor.Wake, cancellationToken))
                {
                    return;
                }

                continue;
            }

            var attempt = await sender.SendAsync(subscription, next, cancellationToken);
            var failures = cursor.Attempts + 1;
            switch (attempt.Result)
            {
                case AttemptResult.Delivered:
                    await webhooks.DeliveredAsync(subscription.Id, next, cancellationToken);
                    break;
                case AttemptResult.Retry when settings.Retries.DelayAfter(failures, attempt.RetryAfter, Random.Shared.NextDouble()) is { } delay:
                    await webhooks.BackOffAsync(subscription.Id, work.IncidentId, failures, delay, attempt.Error!, cancellationToken);
                    LogRetrying(logger, next.WebhookId, subscription.Id, failures, attempt.Error!, delay);
                    return;
                default:
                    await webhooks.DeadLetterAsync(subscription.Id, next, failures, attempt.Error!, cancellationToken);
                    LogDeadLettered(logger, next.WebhookId, subscription.Id, failures, attempt.Error!);
                    break;
            }
        }
    }

    private async Task ReplayAsync(Guid deadLetterId, CancellationToken cancellationToken)
    {
        if (await webhooks.ReplayStateAsync(deadLetterId, cancellationToken) is not { } replay
            || await webhooks.SubscriptionAsync(replay.SubscriptionId, cancellationToken) is not { } subscription)
        {
            return;
        }

        var attempt = await sender.SendAsync(subscription, replay.Notification, cancellationToken);
        var failures = replay.ReplayAttempts + 1;
        TimeSpan? retryIn = attempt.Result == AttemptResult.Retry ? settings.Retries.DelayAfter(failures, attempt.RetryAfter, Random.Shared.NextDouble()) : null;
        await webhooks.ReplayedAsync(deadLetterId, attempt.Result == AttemptResult.Delivered, retryIn, failures, attempt.Error, cancellationToken);
    }

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
