using AttachmentSync.AzureDevOps;
using AttachmentSync.Core.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AttachmentSync.Core.Sync;

/// <summary>
/// Runs queued jobs with <see cref="SyncOptions.Workers"/> concurrent loops. Each job is claimed with a
/// lease, so a job whose worker died is claimed again once the lease expires.
/// </summary>
public sealed partial class JobWorker(
    IJobQueue queue,
    IServiceScopeFactory scopes,
    JobSignals signals,
    IOptions<SyncOptions> options,
    TimeProvider timeProvider,
    ILogger<JobWorker> logger) : BackgroundService
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);

    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = Enumerable.Range(0, options.Value.Workers).Select(_ => RunLoopAsync(stoppingToken));
        return Task.WhenAll(loops);
    }

    private async Task RunLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var job = await queue.TryClaimAsync(_owner, options.Value.JobLease, stoppingToken);
                if (job is null)
                {
                    await signals.WaitForWorkAsync(IdlePoll, stoppingToken);
                    continue;
                }

                await RunJobAsync(job, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogLoopFailed(logger, exception);
                await Task.Delay(IdlePoll, timeProvider, stoppingToken);
            }
        }
    }

    private async Task RunJobAsync(SyncJob job, CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetServices<ISyncJobHandler>().Single(candidate => candidate.Type == job.Type);
        LogJobStarted(logger, job.Id, job.Type, job.WorkItemId, job.AttachmentId, job.Attempts);
        try
        {
            await handler.HandleAsync(job, stoppingToken);
            await queue.CompleteAsync(job.Id, CancellationToken.None);
            LogJobCompleted(logger, job.Id, job.Type, job.WorkItemId);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the lease expires and the job runs again after the restart.
            throw;
        }
        catch (Exception exception)
        {
            await HandleFailureAsync(handler, job, exception);
        }

        signals.NotifyFinished(job.Id);
    }

    private async Task HandleFailureAsync(ISyncJobHandler handler, SyncJob job, Exception exception)
    {
        var (permanent, retryAfter) = Classify(exception);
        var reason = exception.Message;
        if (permanent || job.Attempts >= options.Value.MaxAttempts)
        {
            if (!permanent)
            {
                reason = $"gave up after {job.Attempts} attempts: {reason}";
            }

            LogJobFailed(logger, exception, job.Id, job.Type, job.WorkItemId, reason);
            await queue.FailAsync(job.Id, reason, CancellationToken.None);
            await handler.OnGivenUpAsync(job, reason, CancellationToken.None);
            return;
        }

        var settings = options.Value;
        var delay = RetryDelay.Compute(job.Attempts, settings.RetryBaseDelay, settings.RetryMaxDelay, retryAfter, Random.Shared);
        var nextRunAt = timeProvider.GetUtcNow() + delay;
        LogJobRetry(logger, job.Id, job.Type, job.WorkItemId, delay, reason);
        await queue.RetryLaterAsync(job.Id, nextRunAt, reason, CancellationToken.None);
        await handler.OnRetryScheduledAsync(job, reason, nextRunAt, CancellationToken.None);
    }

    private static (bool Permanent, TimeSpan? RetryAfter) Classify(Exception exception) => exception switch
    {
        JobFailedException failure => (failure.IsPermanent, failure.RetryAfter),
        AdoApiException ado => (ado.Kind is AdoErrorKind.Permanent or AdoErrorKind.NotFound or AdoErrorKind.Authentication,
            ado.RetryAfter),
        _ => (false, null),
    };

    [LoggerMessage(EventId = 100, Level = LogLevel.Debug,
        Message = "Job {JobId} ({JobType}) for work item {WorkItemId}, attachment {AttachmentId}: attempt {Attempt}")]
    private static partial void LogJobStarted(ILogger logger, long jobId, SyncJobType jobType, int workItemId,
        Guid? attachmentId, int attempt);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Job {JobId} ({JobType}) for work item {WorkItemId} completed")]
    private static partial void LogJobCompleted(ILogger logger, long jobId, SyncJobType jobType, int workItemId);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning,
        Message = "Job {JobId} ({JobType}) for work item {WorkItemId} retries in {Delay}: {Reason}")]
    private static partial void LogJobRetry(ILogger logger, long jobId, SyncJobType jobType, int workItemId,
        TimeSpan delay, string reason);

    [LoggerMessage(EventId = 103, Level = LogLevel.Error, Message = "Job {JobId} ({JobType}) for work item {WorkItemId} failed: {Reason}")]
    private static partial void LogJobFailed(ILogger logger, Exception exception, long jobId, SyncJobType jobType,
        int workItemId, string reason);

    [LoggerMessage(EventId = 104, Level = LogLevel.Error, Message = "The job loop failed; it resumes in one second")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);
}
