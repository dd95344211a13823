using System.Threading.Channels;
using AdoEmulator.Faults;
using AdoEmulator.WorkItems;
using Microsoft.Extensions.Options;

namespace AdoEmulator.Hooks;

/// <summary>
/// Receives work-item changes and delivers them to matching subscriptions in the background, never inside the
/// request that made the change. Each notification is delivered at least once by its own task, so deliveries of
/// different events may overtake each other, as Azure DevOps does not promise any order either.
/// </summary>
internal sealed class HookDispatcher(
    SubscriptionStore subscriptions,
    HookPayloadBuilder payloads,
    HookDelivery delivery,
    FaultRegistry faults,
    TimeProvider time,
    ILogger<HookDispatcher> logger) : BackgroundService, IWorkItemEventSink
{
    private readonly Channel<WorkItemEvent> _events = Channel.CreateUnbounded<WorkItemEvent>();
    private readonly List<Task> _running = [];

    public void Publish(WorkItemEvent change) => _events.Writer.TryWrite(change);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var change in _events.Reader.ReadAllAsync(stoppingToken))
        {
            var eventId = Guid.NewGuid();
            foreach (var subscription in subscriptions.All().Where(s => HookFilter.Matches(s, change)))
            {
                var id = Interlocked.Increment(ref subscription.NextNotificationId);
                var body = payloads.Build(change, subscription, id, eventId, time.GetUtcNow()).ToJsonString();
                var notification = new HookNotification(
                    id, subscription.Id, eventId, HookPayloadBuilder.EventType(change.Kind), change.Snapshot.Id, body, time.GetUtcNow());
                subscriptions.Record(notification);
                Start(subscription, notification, stoppingToken);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Task[] running;
        lock (_running)
        {
            running = _running.ToArray();
        }

        await Task.WhenAll(running).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private void Start(HookSubscription subscription, HookNotification notification, CancellationToken stopping)
    {
        var fault = faults.NextHookFault();
        var task = Task.Run(() => RunAsync(subscription, notification, fault, stopping), stopping);
        lock (_running)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(task);
        }
    }

    private async Task RunAsync(HookSubscription subscription, HookNotification notification, HookFault? fault, CancellationToken stopping)
    {
        try
        {
            if (fault?.Kind == HookFaultKind.Drop)
            {
                notification.Result = "dropped";
                HookLog.Dropped(logger, notification.Id, subscription.Id);
                return;
            }

            if (fault is { Kind: HookFaultKind.Delay or HookFaultKind.Reorder })
            {
                await Task.Delay(fault.Delay, time, stopping);
            }

            await delivery.DeliverAsync(subscription, notification, stopping);
            if (fault?.Kind == HookFaultKind.Duplicate)
            {
                await delivery.DeliverAsync(subscription, notification, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The emulator is stopping, so pending deliveries end with it.
        }
        catch (Exception exception)
        {
            HookLog.DeliveryCrashed(logger, exception, notification.Id, subscription.Id);
        }
    }
}
