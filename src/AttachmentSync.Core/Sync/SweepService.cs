using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AttachmentSync.Core.Sync;

/// <summary>
/// Runs <see cref="ReconciliationSweep"/> and <see cref="ContentRetentionPurge"/> once at start-up and then
/// every <see cref="SyncOptions.SweepInterval"/>. A failed pass is logged and tried again at the next interval;
/// its watermark is not moved, so nothing is skipped.
/// </summary>
public sealed partial class SweepService(
    IServiceScopeFactory scopes, IOptions<SyncOptions> options, TimeProvider timeProvider, ILogger<SweepService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.SweepInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await RunOnceAsync(stoppingToken);
            await Task.Delay(interval, timeProvider, stoppingToken);
        }
    }

    private async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            var result = await scope.ServiceProvider.GetRequiredService<ReconciliationSweep>().RunAsync(stoppingToken);
            LogSwept(logger, result.WorkItemsChecked, result.DownloadsEnqueued);
            var purged = await scope.ServiceProvider.GetRequiredService<ContentRetentionPurge>().RunAsync(stoppingToken);
            if (purged > 0)
            {
                LogPurged(logger, purged);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogSweepFailed(logger, exception, options.Value.SweepInterval);
        }
    }

    [LoggerMessage(EventId = 130, Level = LogLevel.Information,
        Message = "Reconciliation sweep compared {WorkItems} work items and enqueued {Downloads} downloads")]
    private static partial void LogSwept(ILogger logger, int workItems, int downloads);

    [LoggerMessage(EventId = 131, Level = LogLevel.Information, Message = "Purged {Count} stored files past their retention")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(EventId = 132, Level = LogLevel.Error, Message = "The reconciliation sweep failed; it runs again in {Interval}")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception, TimeSpan interval);
}
