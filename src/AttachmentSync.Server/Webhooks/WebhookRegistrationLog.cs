namespace AttachmentSync.Server.Webhooks;

/// <summary>
/// Log messages of the start-up registration of service-hook subscriptions. None carries the webhook secret or
/// the PAT: the subscription's Basic password is sent to Azure DevOps and to nothing else.
/// </summary>
internal static partial class WebhookRegistrationLog
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Information,
        Message = "Service-hook subscription {SubscriptionId} for {EventType} to {CallbackUrl} exists")]
    public static partial void Found(ILogger logger, string subscriptionId, string eventType, Uri callbackUrl);

    [LoggerMessage(EventId = 601, Level = LogLevel.Information,
        Message = "Created service-hook subscription {SubscriptionId} for {EventType} to {CallbackUrl}")]
    public static partial void Created(ILogger logger, string subscriptionId, string eventType, Uri callbackUrl);

    [LoggerMessage(EventId = 602, Level = LogLevel.Warning,
        Message = "Service-hook subscription {SubscriptionId} for {EventType} has the status {Status}, so Azure DevOps " +
                  "sends nothing to it; enable it in Project settings > Service hooks")]
    public static partial void Disabled(ILogger logger, string subscriptionId, string eventType, string status);

    [LoggerMessage(EventId = 603, Level = LogLevel.Warning,
        Message = "{Count} service-hook subscriptions for {EventType} to {CallbackUrl} exist, so each event is delivered " +
                  "once per subscription; keeping {SubscriptionId}, delete the others in Project settings > Service hooks: " +
                  "{ExtraIds}")]
    public static partial void Duplicates(
        ILogger logger, int count, string eventType, Uri callbackUrl, string subscriptionId, string extraIds);

    [LoggerMessage(EventId = 604, Level = LogLevel.Error,
        Message = "Registering the service-hook subscription for {EventType} failed with status {Status}; the service " +
                  "runs on without the subscriptions for {MissingEventTypes}. {Action}")]
    public static partial void RegistrationFailed(
        ILogger logger, Exception exception, string eventType, string status, string missingEventTypes, string action);

    [LoggerMessage(EventId = 605, Level = LogLevel.Error,
        Message = "Recording service-hook subscription {SubscriptionId} for {EventType} in the database failed; " +
                  "the subscription exists in Azure DevOps and is found again at the next start")]
    public static partial void RecordFailed(ILogger logger, Exception exception, string subscriptionId, string eventType);
}
