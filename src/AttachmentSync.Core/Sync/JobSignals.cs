using System.Collections.Concurrent;

namespace AttachmentSync.Core.Sync;

/// <summary>
/// In-process signals around the durable queue: wakes idle workers when a job is enqueued, and lets a
/// request wait for one job to finish. The queue stays the source of truth; a lost signal only delays work
/// until the workers' next poll.
/// </summary>
public sealed class JobSignals : IDisposable
{
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _waiters = new();

    public void NotifyEnqueued() => _wake.Release();

    public Task<bool> WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _wake.WaitAsync(timeout, cancellationToken);

    /// <summary>Waits until the job finishes (completed or failed) or the timeout passes; returns whether it finished.</summary>
    public async Task<bool> WaitForJobAsync(long jobId, TimeSpan timeout, TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var waiter = _waiters.GetOrAdd(jobId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await waiter.Task.WaitAsync(timeout, timeProvider, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public void Dispose() => _wake.Dispose();

    public void NotifyFinished(long jobId)
    {
        if (_waiters.TryRemove(jobId, out var waiter))
        {
            waiter.TrySetResult();
        }
    }
}
