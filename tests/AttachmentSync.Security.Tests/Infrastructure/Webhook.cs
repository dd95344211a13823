using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AttachmentSync.Server.Webhooks;

namespace AttachmentSync.Security.Tests.Infrastructure;

/// <summary>Builds service-hook deliveries the way Azure DevOps (or a signing relay) posts them.</summary>
public static class Webhook
{
    public const string Path = "/api/webhooks/workitem";

    /// <summary>A <c>workitem.updated</c> payload for <paramref name="workItemId"/> with a fresh notification id.</summary>
    public static JsonObject Updated(int workItemId, string? notificationId = null) => new()
    {
        ["subscriptionId"] = "00000000-0000-0000-0000-0000000000aa",
        ["notificationId"] = notificationId ?? Random.Shared.Next(1, int.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["id"] = Guid.NewGuid().ToString(),
        ["eventType"] = "workitem.updated",
        ["publisherId"] = "tfs",
        ["resource"] = new JsonObject
        {
            ["id"] = 5,
            ["workItemId"] = workItemId,
            ["rev"] = 2,
            ["revision"] = new JsonObject { ["id"] = workItemId, ["rev"] = 2 },
        },
    };

    public static HttpRequestMessage Request(string body, string? secret = null, string? basicPassword = null,
        string? signature = null, string mediaType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Path)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        if (secret is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Webhook-Secret", secret);
        }

        if (basicPassword is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes("azure-devops:" + basicPassword)));
        }

        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", signature);
        }

        return request;
    }

    public static string Sign(string body, string key) => WebhookSignature.Compute(Encoding.UTF8.GetBytes(body), key);
}
