namespace AttachmentSync.Core.Webhooks;

/// <summary>
/// A service-hook delivery as stored. <see cref="DeliveryKey"/> is the notification id when the payload has
/// one, else a hash of the body, so a repeated delivery is recognised either way.
/// </summary>
public sealed record WebhookDelivery(
    string DeliveryKey,
    string EventType,
    int WorkItemId,
    int? Revision,
    string? SubscriptionId,
    DateTimeOffset ReceivedAt);
