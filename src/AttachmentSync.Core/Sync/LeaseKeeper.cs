using AttachmentSync.Core.Jobs;

namespace AttachmentSync.Core.Sync;

/// <summary>
/// Renews a running job's lease every third of its length. When a renewal finds that another worker took
/// the job over (the lease expired, for example after a long pause of this process), it cancels
/// <see cref="Token"/> so the handler stops instead of racing the new owner.
/// </summary>
public sealed class LeaseKeeper : IAsyncDisposable
{
    private readonly CancellationTokenSource _cancellation;
    private readonly Task _renewals;

    public LeaseKeeper(
        IJobQueue queue, long jobId, string owner, TimeSpan lease, TimeProvider timeProvider,
        CancellationToken stoppingToken)
    {
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        _renewals = RenewAsync(queue, jobId, owner, lease, timeProvider, _cancellation.Token);
    }

    /// <summary>Cancelled when the service stops or the lease is lost.</summary>
    public CancellationToken Token => _cancellation.Token;

    /// <summary>Whether a renewal found the job leased to another worker.</summary>
    public bool IsLost { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _cancellation.CancelAsync();
        await _renewals.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _cancellation.Dispose();
    }

    private async Task RenewAsync(
        IJobQueue queue, long jobId, string owner, TimeSpan lease, TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var period = lease / 3;
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(period, timeProvider, cancellationToken);
            bool renewed;
            try
            {
                renewed = await queue.RenewLeaseAsync(jobId, owner, lease, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A busy database: the lease still has two thirds left, so the next period tries again.
                continue;
            }

            if (!renewed)
            {
                IsLost = true;
                await _cancellation.CancelAsync();
                return;
            }
        }
    }
}
