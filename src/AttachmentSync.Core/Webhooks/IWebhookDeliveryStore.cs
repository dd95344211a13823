namespace AttachmentSync.Core.Webhooks;

/// <summary>Idempotent record of received service-hook deliveries.</summary>
public interface IWebhookDeliveryStore
{
    /// <summary>
    /// Stores the delivery and enqueues a reconcile of its work item in one transaction. Returns false, and
    /// changes nothing, when a delivery with the same key was stored before.
    /// </summary>
    Task<bool> TryAddAsync(WebhookDelivery delivery, bool enqueueReconcile, CancellationToken cancellationToken);
}
