using System.Security.Cryptography;
using System.Text.Json;
using AttachmentSync.Core.Webhooks;

namespace AttachmentSync.Server.Webhooks;

/// <summary>
/// Reads what the service needs from a work item service-hook payload. For <c>workitem.updated</c> the
/// resource is a WorkItemUpdate, so the work item id is <c>resource.workItemId</c> (or
/// <c>resource.revision.id</c>, because documentation samples carry 0 there); for the other work item
/// events the resource is the work item and the id is <c>resource.id</c>. No URL from the payload is used.
/// </summary>
public static class WebhookPayloadParser
{
    /// <summary>
    /// Returns the delivery, or the name of the property that is missing or invalid. A delivery of another
    /// publisher's event (not <c>workitem.*</c>) comes back with <see cref="WebhookDelivery.WorkItemId"/> 0.
    /// </summary>
    public static (WebhookDelivery? Delivery, string? InvalidField) Parse(ReadOnlySpan<byte> body, DateTimeOffset receivedAt)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            // JsonDocument checks UTF-8 only when a string is read, and then throws InvalidOperationException.
            throw new JsonException("The body is not valid UTF-8.");
        }

        using var document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, "body");
        }

        if (GetString(root, "eventType") is not { Length: > 0 } eventType)
        {
            return (null, "eventType");
        }

        if (!eventType.StartsWith("workitem.", StringComparison.Ordinal))
        {
            return (new WebhookDelivery("", eventType, 0, null, null, receivedAt), null);
        }

        if (!root.TryGetProperty("resource", out var resource) || resource.ValueKind != JsonValueKind.Object)
        {
            return (null, "resource");
        }

        var workItemId = ReadWorkItemId(eventType, resource);
        if (workItemId is not > 0)
        {
            return (null, eventType == "workitem.updated" ? "resource.workItemId" : "resource.id");
        }

        var subscriptionId = GetString(root, "subscriptionId");
        var key = DeliveryKey(root, subscriptionId, body);
        var revision = GetInt(resource, "rev");
        return (new WebhookDelivery(key, eventType, workItemId.Value, revision, subscriptionId, receivedAt), null);
    }

    private static int? ReadWorkItemId(string eventType, JsonElement resource)
    {
        if (eventType != "workitem.updated")
        {
            return GetInt(resource, "id");
        }

        var id = GetInt(resource, "workItemId");
        if (id is not > 0 && resource.TryGetProperty("revision", out var revision) && revision.ValueKind == JsonValueKind.Object)
        {
            id = GetInt(revision, "id");
        }

        return id;
    }

    /// <summary>
    /// Notification ids count per subscription, so the key pairs them; without them the key is the event id,
    /// and without that a hash of the body.
    /// </summary>
    private static string DeliveryKey(JsonElement root, string? subscriptionId, ReadOnlySpan<byte> body)
    {
        var notificationId = root.TryGetProperty("notificationId", out var value) ? value.ToString() : null;
        if (subscriptionId is not null && !string.IsNullOrEmpty(notificationId))
        {
            return $"notification:{subscriptionId}:{notificationId}";
        }

        if (GetString(root, "id") is { Length: > 0 } eventId)
        {
            return $"event:{eventId}";
        }

        return "body:" + Convert.ToHexStringLower(SHA256.HashData(body));
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? GetInt(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : null;
}
