using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AttackTracker.Api.Tests.Store;

/// <summary>Every log entry at Error or above, with its category, for asserting what a scenario logged.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, string Message)> _errors = new();

    public IReadOnlyList<(string Category, string Message)> Errors => [.. _errors];

    public ILogger CreateLogger(string categoryName) => new Capture(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Capture(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                logs._errors.Enqueue((category, formatter(state, exception)));
            }
        }
    }
}
