using Microsoft.Extensions.Hosting;

namespace AttachmentSync.Tus.Completion;

/// <summary>
/// Runs, at start-up, the completion handler of uploads that completed before the process stopped but whose
/// handler had not finished.
/// </summary>
internal sealed class PendingCompletionService(TusMaintenance maintenance) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        maintenance.RunPendingCompletionsAsync(stoppingToken);
}
