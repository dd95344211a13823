using Microsoft.Extensions.Options;

namespace AdoEmulator.Hooks;

/// <summary>
/// Delivers one notification with Azure DevOps' failure rules. 2xx succeeds and restores <c>enabled</c>.
/// 410 disables the subscription at once. 408, 502, 503, 504 and no response are retried on the transient schedule.
/// Any other failure, or transient retries running out, puts the subscription on probation. There the notification
/// is retried on the probation schedule until one attempt succeeds or <c>disabledBySystem</c> is reached.
/// </summary>
internal sealed class HookDelivery(
    HookSender sender, IOptions<EmulatorOptions> options, TimeProvider time, ILogger<HookDelivery> logger)
{
    public async Task DeliverAsync(HookSubscription subscription, HookNotification notification, CancellationToken stopping)
    {
        for (var attempt = 0; ; attempt++)
        {
            var status = await AttemptAsync(subscription, notification, stopping);
            if (status is >= 200 and < 300)
            {
                Succeed(subscription, notification);
                return;
            }

            if (status == 410)
            {
                SetStatus(subscription, SubscriptionStatus.DisabledBySystem);
                notification.Result = "failed";
                HookLog.Disabled(logger, subscription.Id, status);
                return;
            }

            if (!HookSchedule.IsTransient(status) || attempt >= HookSchedule.Transient.Length)
            {
                break;
            }

            HookLog.Retrying(logger, notification.Id, subscription.Id, status, attempt + 1);
            await Task.Delay(HookSchedule.Scale(HookSchedule.Transient[attempt], options.Value.HookRetryScale), time, stopping);
        }

        notification.Result = "failed";
        await ProbationAsync(subscription, notification, stopping);
    }

    private async Task ProbationAsync(HookSubscription subscription, HookNotification notification, CancellationToken stopping)
    {
        lock (subscription.Sync)
        {
            var active = subscription.Status is SubscriptionStatus.Enabled or SubscriptionStatus.OnProbation;
            if (subscription.ProbationRunning || !active)
            {
                return;
            }

            subscription.ProbationRunning = true;
            subscription.Status = SubscriptionStatus.OnProbation;
            subscription.ModifiedDate = time.GetUtcNow();
        }

        HookLog.OnProbation(logger, subscription.Id);
        try
        {
            foreach (var wait in HookSchedule.Probation)
            {
                await Task.Delay(HookSchedule.Scale(wait, options.Value.HookProbationScale), time, stopping);
                if (subscription.IsDeleted)
                {
                    return;
                }

                var status = await AttemptAsync(subscription, notification, stopping);
                if (status is >= 200 and < 300)
                {
                    Succeed(subscription, notification);
                    return;
                }

                lock (subscription.Sync)
                {
                    subscription.ProbationRetries++;
                    subscription.LastProbationRetryDate = time.GetUtcNow();
                }
            }

            SetStatus(subscription, SubscriptionStatus.DisabledBySystem);
            HookLog.Disabled(logger, subscription.Id, 0);
        }
        finally
        {
            lock (subscription.Sync)
            {
                subscription.ProbationRunning = false;
            }
        }
    }

    private async Task<int> AttemptAsync(HookSubscription subscription, HookNotification notification, CancellationToken stopping)
    {
        var (status, error) = await sender.SendAsync(subscription, notification.Body, stopping);
        notification.AddAttempt(new HookAttempt(time.GetUtcNow(), status, error));
        return status;
    }

    private void Succeed(HookSubscription subscription, HookNotification notification)
    {
        notification.Result = "succeeded";
        lock (subscription.Sync)
        {
            if (subscription.Status == SubscriptionStatus.OnProbation)
            {
                subscription.Status = SubscriptionStatus.Enabled;
                subscription.ProbationRetries = 0;
                subscription.ModifiedDate = time.GetUtcNow();
            }
        }
    }

    private void SetStatus(HookSubscription subscription, SubscriptionStatus status)
    {
        lock (subscription.Sync)
        {
            subscription.Status = status;
            subscription.ModifiedDate = time.GetUtcNow();
        }
    }
}
