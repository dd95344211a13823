using AdoEmulator.WorkItems;

namespace AdoEmulator.Hooks;

/// <summary>
/// Decides whether a change matches a subscription: event type, status and the publisher inputs
/// <c>workItemType</c>, <c>areaPath</c> (the area or below) and, for updates, <c>changedFields</c>.
/// </summary>
internal static class HookFilter
{
    public static bool Matches(HookSubscription subscription, WorkItemEvent change)
    {
        if (subscription.EventType != HookPayloadBuilder.EventType(change.Kind))
        {
            return false;
        }

        lock (subscription.Sync)
        {
            if (subscription.Status is SubscriptionStatus.DisabledBySystem or SubscriptionStatus.DisabledByUser)
            {
                return false;
            }
        }

        var item = change.Snapshot;
        var inputs = subscription.PublisherInputs;
        if (inputs.TryGetValue("workItemType", out var type) && type.Length > 0
            && !type.Equals(item.Field(WorkItemFields.WorkItemType), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (inputs.TryGetValue("areaPath", out var area) && area.Length > 0)
        {
            var itemArea = item.Field(WorkItemFields.AreaPath) ?? "";
            if (!itemArea.Equals(area, StringComparison.OrdinalIgnoreCase)
                && !itemArea.StartsWith(area + "\\", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        if (change.Update is not null && inputs.TryGetValue("changedFields", out var fields) && fields.Length > 0)
        {
            return fields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Any(f => change.Update.Fields.ContainsKey(f));
        }

        return true;
    }
}
