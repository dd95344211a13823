namespace AdoEmulator.Hooks;

/// <summary>
/// One delivery of an event to a subscription, with every HTTP attempt made. Readable through
/// <c>GET …/subscriptions/{id}/notifications</c> and <see cref="EmulatorHost.HookNotifications"/>.
/// </summary>
public sealed class HookNotification
{
    private readonly List<HookAttempt> _attempts = [];

    internal HookNotification(
        int id, Guid subscriptionId, Guid eventId, string eventType, int workItemId, string body, DateTimeOffset created)
    {
        Id = id;
        SubscriptionId = subscriptionId;
        EventId = eventId;
        EventType = eventType;
        WorkItemId = workItemId;
        Body = body;
        CreatedDate = created;
    }

    public int Id { get; }

    public Guid SubscriptionId { get; }

    public Guid EventId { get; }

    public string EventType { get; }

    public int WorkItemId { get; }

    /// <summary>The JSON payload posted to the subscriber.</summary>
    public string Body { get; }

    public DateTimeOffset CreatedDate { get; }

    /// <summary>"pending", "succeeded", "failed" or "dropped" (a hook fault discarded it).</summary>
    public string Result { get; internal set; } = "pending";

    public IReadOnlyList<HookAttempt> Attempts
    {
        get
        {
            lock (_attempts)
            {
                return _attempts.ToList();
            }
        }
    }

    internal void AddAttempt(HookAttempt attempt)
    {
        lock (_attempts)
        {
            _attempts.Add(attempt);
        }
    }
}

/// <summary>One HTTP POST of a notification: when it was sent and the status received (0 when no response came).</summary>
public sealed record HookAttempt(DateTimeOffset SentAt, int StatusCode, string? Error);
