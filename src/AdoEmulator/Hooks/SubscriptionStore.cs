using System.Collections.Concurrent;

namespace AdoEmulator.Hooks;

/// <summary>Service-hook subscriptions and their notification history, in memory.</summary>
internal sealed class SubscriptionStore
{
    private readonly ConcurrentDictionary<Guid, HookSubscription> _subscriptions = new();
    private readonly ConcurrentQueue<HookNotification> _notifications = new();

    public void Add(HookSubscription subscription) => _subscriptions[subscription.Id] = subscription;

    public HookSubscription? Get(Guid id) => _subscriptions.TryGetValue(id, out var s) && !s.IsDeleted ? s : null;

    public IReadOnlyList<HookSubscription> All() =>
        _subscriptions.Values.Where(s => !s.IsDeleted).OrderBy(s => s.CreatedDate).ToList();

    public bool Delete(Guid id)
    {
        if (!_subscriptions.TryRemove(id, out var subscription))
        {
            return false;
        }

        subscription.IsDeleted = true;
        return true;
    }

    public void Record(HookNotification notification) => _notifications.Enqueue(notification);

    public IReadOnlyList<HookNotification> Notifications(Guid? subscriptionId = null) =>
        _notifications.Where(n => subscriptionId is null || n.SubscriptionId == subscriptionId).ToList();
}
