namespace AttachmentSync.Core.Webhooks;

/// <summary>The service's record of its own service-hook subscriptions in Azure DevOps.</summary>
public interface IWebhookSubscriptionStore
{
    /// <summary>
    /// Stores a subscription that exists in Azure DevOps, or updates its event type, URL and state when it was
    /// stored before. Other stored subscriptions of the same event type and URL are marked inactive, because
    /// the subscription just seen replaces them.
    /// </summary>
    Task RecordAsync(
        string subscriptionId, string eventType, Uri callbackUrl, bool isActive, CancellationToken cancellationToken);

    /// <summary>Returns every stored subscription, oldest first.</summary>
    Task<IReadOnlyList<WebhookSubscriptionRecord>> ListAsync(CancellationToken cancellationToken);
}
