namespace AttackTracker.Api.Notifications;

/// <summary>
/// One poller of the feed's horizon for every live feed of the node: it reads the horizon every
/// half poll interval, and only while a feed is waiting, and wakes the feeds when it moves. An idle
/// feed therefore costs no query at all; a feed reads its page only when there may be something new.
/// </summary>
public sealed partial class HorizonWatch(ChangeFeed feed, WebhookSettings settings, ILogger<HorizonWatch> logger)
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _moved = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _known = -1;
    private int _waiting;
    private bool _polling;

    /// <summary>Returns once the horizon is past <paramref name="sequence"/>, or after <paramref name="timeout"/>.</summary>
    public async Task WaitPastAsync(long sequence, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task moved;
            lock (_lock)
            {
                if (_known > sequence)
                {
                    return;
                }

                _waiting++;
                moved = _moved.Task;
                if (!_polling)
                {
                    _polling = true;
                    _ = Task.Run(PollAsync, CancellationToken.None);
                }
            }

            try
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    return;
                }

                await moved.WaitAsync(left, cancellationToken);
            }
            catch (TimeoutException)
            {
                return;
            }
            finally
            {
                lock (_lock)
                {
                    _waiting--;
                }
            }
        }
    }

    private async Task PollAsync()
    {
        var stopped = false;
        try
        {
            while (true)
            {
                lock (_lock)
                {
                    if (_waiting == 0)
                    {
                        // In the lock a feed takes to wait: one that comes next starts a poller again.
                        _polling = false;
                        stopped = true;
                        return;
                    }
                }

                try
                {
                    var horizon = (await feed.HorizonAsync(CancellationToken.None)).Sequence;
                    TaskCompletionSource? moved = null;
                    lock (_lock)
                    {
                        if (horizon > _known)
                        {
                            _known = horizon;
                            moved = _moved;
                            _moved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                        }
                    }

                    moved?.SetResult();
                }
                catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
                {
                    LogUnreachable(logger, ex);
                }

                await Task.Delay(settings.PollInterval / 2);
            }
        }
        finally
        {
            if (!stopped)
            {
                // It ended on an error nobody expected: the next feed that waits starts it again.
                lock (_lock)
                {
                    _polling = false;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The live feeds cannot read their horizon; they wait and try again")]
    private static partial void LogUnreachable(ILogger logger, Exception exception);
}
