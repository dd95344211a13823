using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AttachmentSync.Tests.Infrastructure;

/// <summary>A logger provider that keeps every formatted entry, for tests that check what the service logs.</summary>
public sealed class LogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => _entries.ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    /// <summary>One log call: category, level, event id and the message with its exception text.</summary>
    public sealed record LogEntry(string Category, LogLevel Level, int EventId, string Text);

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(
            LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = formatter(state, exception) + (exception is null ? "" : Environment.NewLine + exception);
            entries.Enqueue(new LogEntry(category, logLevel, eventId.Id, text));
        }
    }
}
