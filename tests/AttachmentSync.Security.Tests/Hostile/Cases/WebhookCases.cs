using System.Text;
using System.Text.Json.Nodes;
using AttachmentSync.Security.Tests.Infrastructure;
using static AttachmentSync.Security.Tests.Hostile.Cases.CredentialCases;
using static AttachmentSync.Security.Tests.Hostile.HostileRequests;

namespace AttachmentSync.Security.Tests.Hostile.Cases;

/// <summary>Forged, replayed, malformed and oversized webhook deliveries, and payloads that name foreign URLs.</summary>
public static class WebhookCases
{
    private const string ReplayedNotification = "replayed-notification-1";

    public static IEnumerable<HostileCase> All() => Forged().Concat(Malformed()).Concat(ForeignUrls()).Concat(Replayed());

    private static IEnumerable<HostileCase> Forged()
    {
        yield return Case("forged without credentials", Expect.ClientError, (host, body) => Webhook.Request(body), 401);
        yield return Case("forged wrong secret header", Expect.ClientError,
            (host, body) => Webhook.Request(body, secret: host.Sync.WebhookSecret + "0"), 401);
        yield return Case("forged secret in other case", Expect.ClientError,
            (host, body) => Webhook.Request(body, secret: host.Sync.WebhookSecret.ToUpperInvariant()), 401);
        yield return Case("forged wrong basic password", Expect.ClientError,
            (host, body) => Webhook.Request(body, basicPassword: "not-the-secret-at-all"), 401);
        yield return Case("forged basic without password", Expect.ClientError, (host, body) =>
        {
            var request = Webhook.Request(body);
            request.Headers.Authorization = Basic(host.Sync.WebhookSecret, "");
            return request;
        }, 401);
        yield return Case("forged basic not base64", Expect.ClientError, (host, body) =>
        {
            var request = Webhook.Request(body);
            Add(request, "Authorization", "Basic %%%" + host.Sync.WebhookSecret);
            return request;
        }, 401);
        yield return Case("forged basic 3000 characters", Expect.ClientError, (host, body) =>
        {
            var request = Webhook.Request(body);
            request.Headers.Authorization = Basic("u", new string('s', 3000));
            return request;
        }, 401);
        yield return Case("forged two secret headers", Expect.ClientError, (host, body) =>
        {
            var request = Webhook.Request(body, secret: host.Sync.WebhookSecret);
            Add(request, "X-Webhook-Secret", "second-value");
            return request;
        }, 401);
        yield return Case("forged code in query", Expect.ClientError, (host, body) =>
        {
            var request = Webhook.Request(body);
            request.RequestUri = new Uri($"{Webhook.Path}?code=0123456789abcdef0123456789abcdef", UriKind.Relative);
            return request;
        }, 401);
        yield return Case("forged api key as bearer", Expect.ClientError, (host, body) =>
        {
            var request = Webhook.Request(body);
            Add(request, "Authorization", "Bearer " + host.ApiKey);
            return request;
        }, 401);
        yield return Case("forged signature with own key", Expect.ClientError,
            (host, body) => Webhook.Request(body, signature: Webhook.Sign(body, "attacker-key-0123456789")), 401);
        yield return Case("forged signature of other body", Expect.ClientError,
            (host, body) => Webhook.Request(body, signature: Webhook.Sign(body + "\n", host.HmacKey)), 401);
        yield return Case("forged bad signature beside right secret", Expect.ClientError,
            (host, body) => Webhook.Request(body, secret: host.Sync.WebhookSecret, signature: "sha256=" + new string('0', 64)), 401);
        yield return Case("forged signature not hex", Expect.ClientError,
            (host, body) => Webhook.Request(body, signature: "sha256=" + new string('z', 64)), 401);
        yield return Case("signed delivery without secret", Expect.Success,
            (host, body) => Webhook.Request(body, signature: Webhook.Sign(body, host.HmacKey)), 200);
    }

    private static IEnumerable<HostileCase> Malformed()
    {
        yield return Raw("malformed JSON", "{\"eventType\":", 400);
        yield return Raw("empty body", "", 400);
        yield return Raw("JSON array", "[1,2,3]", 400);
        yield return Raw("JSON string", "\"workitem.updated\"", 400);
        yield return Raw("no eventType", "{}", 400);
        yield return Raw("eventType number", "{\"eventType\":5}", 400);
        yield return Raw("updated without resource", "{\"eventType\":\"workitem.updated\"}", 400);
        yield return Raw("resource not object", "{\"eventType\":\"workitem.created\",\"resource\":[]}", 400);
        yield return Raw("negative work item id", "{\"eventType\":\"workitem.created\",\"resource\":{\"id\":-4}}", 400);
        yield return Raw("work item id as text", "{\"eventType\":\"workitem.created\",\"resource\":{\"id\":\"7\"}}", 400);
        yield return Raw("work item id overflow", "{\"eventType\":\"workitem.created\",\"resource\":{\"id\":99999999999999}}", 400);
        yield return Raw("nesting 200 deep", "{\"eventType\":\"workitem.created\",\"x\":" + new string('[', 200) + new string(']', 200) + "}", 400);
        yield return Raw("trailing garbage", "{\"eventType\":\"git.push\"} trailing", 400);
        yield return Raw("other publisher event", "{\"eventType\":\"git.push\"}", 200);
        yield return Raw("text/plain content type", "{\"eventType\":\"git.push\"}", 200, "text/plain");
        yield return new HostileCase("webhook invalid UTF-8", Expect.ClientError, host =>
        {
            var request = Webhook.Request("", secret: host.Sync.WebhookSecret);
            request.Content = Bytes([.. "{\"eventType\":\""u8, 0xFF, 0xFE, .. "\"}"u8], "application/json");
            return Task.FromResult(request);
        }, 400);
        yield return UploadCases.Oversized("webhook body over 4 MiB", host =>
        {
            var request = Webhook.Request("", secret: host.Sync.WebhookSecret);
            request.Content = Bytes(new byte[(4 * 1024 * 1024) + 1], "application/json");
            return request;
        });
        yield return new HostileCase("webhook chunked body over 4 MiB", Expect.ClientError, host =>
        {
            var request = Webhook.Request("", secret: host.Sync.WebhookSecret);
            request.Content = Chunked((4 * 1024 * 1024) + 10);
            return Task.FromResult(request);
        }, 413);
    }

    private static IEnumerable<HostileCase> ForeignUrls()
    {
        string[] places = ["listener", "link-local", "other host", "other port of emulator", "file"];
        return places.Select(place => new HostileCase($"webhook foreign URL {place}", Expect.Success, host =>
        {
            var url = ForeignUrl(host, place);
            var payload = Webhook.Updated(host.SeededWorkItemId);
            payload["resource"]!["url"] = url;
            payload["resource"]!["_links"] = new JsonObject { ["self"] = new JsonObject { ["href"] = url } };
            payload["resource"]!["revision"]!["url"] = url;
            payload["resource"]!["revision"]!["relations"] = new JsonArray(new JsonObject
            {
                ["rel"] = "AttachedFile",
                ["url"] = $"{url}/_apis/wit/attachments/{Guid.NewGuid()}",
            });
            payload["resourceContainers"] = new JsonObject
            {
                ["project"] = new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["baseUrl"] = url + "/" },
            };
            return Task.FromResult(Webhook.Request(payload.ToJsonString(), secret: host.Sync.WebhookSecret));
        }, 200));
    }

    private static IEnumerable<HostileCase> Replayed()
    {
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            yield return new HostileCase($"webhook replay {attempt}", Expect.Success, host =>
            {
                var payload = Webhook.Updated(host.SeededWorkItemId, ReplayedNotification).ToJsonString();
                return Task.FromResult(Webhook.Request(payload, secret: host.Sync.WebhookSecret));
            }, 200);
        }
    }

    /// <summary>Builds a URL to somewhere the service must never contact; only the recording listener accepts a connection.</summary>
    public static string ForeignUrl(HostileHost host, string place) => place switch
    {
        "listener" => $"http://127.0.0.1:{host.Listener.Port}/org",
        "link-local" => "http://169.254.169.254/latest/meta-data",
        "other host" => "https://attacker.invalid/org",
        "other port of emulator" => $"http://127.0.0.1:{host.Listener.Port}/{host.Sync.Emulator.ProjectName}",
        _ => "file:///etc/passwd",
    };

    private static HostileCase Case(string name, Expect expect, Func<HostileHost, string, HttpRequestMessage> build, int status) =>
        HostileCase.Of("webhook " + name, expect, host => build(host, Webhook.Updated(host.SeededWorkItemId).ToJsonString()), status);

    private static HostileCase Raw(string name, string body, int status, string mediaType = "application/json") =>
        HostileCase.Of("webhook " + name, status < 300 ? Expect.Success : Expect.ClientError,
            host => Webhook.Request(body, secret: host.Sync.WebhookSecret, mediaType: mediaType), status);
}
