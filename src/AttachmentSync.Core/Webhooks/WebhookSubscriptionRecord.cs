namespace AttachmentSync.Core.Webhooks;

/// <summary>
/// A service-hook subscription the service registered or found at start-up. The subscription's credentials are
/// not part of it, so the webhook secret never reaches the database.
/// </summary>
public sealed record WebhookSubscriptionRecord(
    string SubscriptionId,
    string EventType,
    string CallbackUrl,
    bool IsActive,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
