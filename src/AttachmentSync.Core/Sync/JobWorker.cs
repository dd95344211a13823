using AttachmentSync.Core.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AttachmentSync.Core.Sync;

/// <summary>
/// Runs queued jobs with <see cref="SyncOptions.Workers"/> concurrent loops. Each job is claimed with a
/// lease that is renewed while it runs, so a job whose worker died is claimed again once the lease
/// expires. A run first gets a few in-process retries (<see cref="JobRetryPipeline"/>); a transient
/// failure after that goes back to the queue with backoff, and a permanent one stops the job with its
/// reason on the attachment record.
/// </summary>
public sealed partial class JobWorker(
    IJobQueue queue,
    IServiceScopeFactory scopes,
    JobSignals signals,
    JobRetryPipeline retries,
    IOptions<SyncOptions> options,
    TimeProvider timeProvider,
    ILogger<JobWorker> logger) : BackgroundService
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);

    /// <summary>Lease owner written on every job this worker claims.</summary>
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

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
                var job = await queue.TryClaimAsync(Owner, options.Value.JobLease, stoppingToken);
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
        await using (var lease = new LeaseKeeper(queue, job.Id, Owner, options.Value.JobLease, timeProvider, stoppingToken))
        {
            try
            {
                await retries.ExecuteAsync(token => new ValueTask(handler.HandleAsync(job, token)), lease.Token);
                if (await queue.CompleteAsync(job.Id, Owner, CancellationToken.None))
                {
                    LogJobCompleted(logger, job.Id, job.Type, job.WorkItemId);
                }
                else
                {
                    LogLeaseLost(logger, job.Id, job.Type, job.WorkItemId);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Shutting down: the lease expires and the job runs again after the restart.
                throw;
            }
            catch (OperationCanceledException) when (lease.IsLost)
            {
                LogLeaseLost(logger, job.Id, job.Type, job.WorkItemId);
            }
            catch (Exception exception)
            {
                await HandleFailureAsync(handler, job, exception);
            }
        }

        signals.NotifyFinished(job.Id);
    }

    private async Task HandleFailureAsync(ISyncJobHandler handler, SyncJob job, Exception exception)
    {
        var failure = FailureClassifier.Classify(exception);
        var settings = options.Value;
        if (failure.IsPermanent || job.Attempts >= settings.MaxAttempts)
        {
            var reason = failure.IsPermanent ? failure.Reason : $"gave up after {job.Attempts} attempts: {failure.Reason}";
            LogJobFailed(logger, exception, job.Id, job.Type, job.WorkItemId, reason);
            if (await queue.FailAsync(job.Id, Owner, reason, CancellationToken.None))
            {
                await handler.OnGivenUpAsync(job, reason, CancellationToken.None);
            }

            return;
        }

        var delay = RetryDelay.Compute(job.Attempts, settings.RetryBaseDelay, settings.RetryMaxDelay,
            failure.RequestedWait, Random.Shared);
        var nextRunAt = timeProvider.GetUtcNow() + delay;
        LogJobRetry(logger, job.Id, job.Type, job.WorkItemId, delay, failure.Reason);
        if (await queue.RetryLaterAsync(job.Id, Owner, nextRunAt, failure.Reason, CancellationToken.None))
        {
            var waiting = JobWorkerReasons.Describe(failure, nextRunAt, job.Attempts, settings.MaxAttempts);
            await handler.OnRetryScheduledAsync(job, waiting, nextRunAt, CancellationToken.None);
        }
    }

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

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning,
        Message = "Job {JobId} ({JobType}) for work item {WorkItemId} was taken over by another worker; its result is dropped")]
    private static partial void LogLeaseLost(ILogger logger, long jobId, SyncJobType jobType, int workItemId);
}
