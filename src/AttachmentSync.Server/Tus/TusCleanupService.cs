using AttachmentSync.Tus;

namespace AttachmentSync.Server.Tus;

/// <summary>Removes expired tus uploads and their partial files every hour.</summary>
public sealed partial class TusCleanupService(TusMaintenance maintenance, TimeProvider timeProvider, ILogger<TusCleanupService> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, timeProvider);
        do
        {
            try
            {
                var removed = await maintenance.RemoveExpiredUploadsAsync(stoppingToken);
                LogRemoved(logger, removed);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                LogCleanupFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Debug, Message = "Removed {Count} expired uploads")]
    private static partial void LogRemoved(ILogger logger, int count);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Removing expired uploads failed; the next run retries")]
    private static partial void LogCleanupFailed(ILogger logger, Exception exception);
}
