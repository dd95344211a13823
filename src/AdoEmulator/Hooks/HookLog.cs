namespace AdoEmulator.Hooks;

/// <summary>Log messages of service-hook delivery. They carry ids only, never payloads or credentials.</summary>
internal static partial class HookLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information,
        Message = "Retrying notification {NotificationId} of subscription {SubscriptionId} after status {StatusCode}, retry {Retry}")]
    public static partial void Retrying(ILogger logger, int notificationId, Guid subscriptionId, int statusCode, int retry);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Subscription {SubscriptionId} is on probation")]
    public static partial void OnProbation(ILogger logger, Guid subscriptionId);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning,
        Message = "Subscription {SubscriptionId} disabled by the system after status {StatusCode}")]
    public static partial void Disabled(ILogger logger, Guid subscriptionId, int statusCode);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information,
        Message = "Notification {NotificationId} of subscription {SubscriptionId} dropped by a hook fault")]
    public static partial void Dropped(ILogger logger, int notificationId, Guid subscriptionId);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error,
        Message = "Delivery of notification {NotificationId} of subscription {SubscriptionId} failed unexpectedly")]
    public static partial void DeliveryCrashed(ILogger logger, Exception exception, int notificationId, Guid subscriptionId);
}
