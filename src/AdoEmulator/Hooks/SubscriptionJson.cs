using System.Text.Json;
using System.Text.Json.Nodes;
using AdoEmulator.Infrastructure;

namespace AdoEmulator.Hooks;

/// <summary>Renders subscriptions and notifications in the service-hooks API shapes. Confidential inputs are masked.</summary>
internal static class SubscriptionJson
{
    /// <summary>Consumer inputs marked confidential in the webHooks descriptor. Responses mask them.</summary>
    private static readonly HashSet<string> Confidential = new(StringComparer.OrdinalIgnoreCase) { "basicAuthPassword" };

    public static JsonObject Render(HookSubscription s, AdoUrls urls, EmulatorIdentity identity)
    {
        var user = new JsonObject { ["id"] = identity.UserId.ToString() };
        var publisherInputs = new JsonObject();
        foreach (var (key, value) in s.PublisherInputs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            publisherInputs[key] = value;
        }

        var consumerInputs = new JsonObject();
        foreach (var (key, value) in s.ConsumerInputs)
        {
            consumerInputs[key] = Confidential.Contains(key) ? "********" : value;
        }

        lock (s.Sync)
        {
            var json = new JsonObject
            {
                ["id"] = s.Id.ToString(),
                ["url"] = urls.Subscription(s.Id),
                ["status"] = JsonNamingPolicy.CamelCase.ConvertName(s.Status.ToString()),
                ["publisherId"] = "tfs",
                ["eventType"] = s.EventType,
                ["resourceVersion"] = s.ResourceVersion,
                ["eventDescription"] = $"Any work item {s.EventType["workitem.".Length..]} event",
                ["consumerId"] = "webHooks",
                ["consumerActionId"] = "httpRequest",
                ["actionDescription"] = "To host " + (Uri.TryCreate(s.Input("url"), UriKind.Absolute, out var u) ? u.Host : ""),
                ["probationRetries"] = s.ProbationRetries,
                ["createdBy"] = user.DeepClone(),
                ["createdDate"] = AdoJson.Date(s.CreatedDate),
                ["modifiedBy"] = user.DeepClone(),
                ["modifiedDate"] = AdoJson.Date(s.ModifiedDate),
                ["publisherInputs"] = publisherInputs,
                ["consumerInputs"] = consumerInputs,
            };
            if (s.LastProbationRetryDate is { } last)
            {
                json["lastProbationRetryDate"] = AdoJson.Date(last);
            }

            return json;
        }
    }

    public static JsonObject Notification(HookNotification n) => new()
    {
        ["id"] = n.Id,
        ["subscriptionId"] = n.SubscriptionId.ToString(),
        ["eventId"] = n.EventId.ToString(),
        ["eventType"] = n.EventType,
        ["result"] = n.Result,
        ["status"] = n.Result == "pending" ? "processing" : "completed",
        ["createdDate"] = AdoJson.Date(n.CreatedDate),
        ["details"] = new JsonObject
        {
            ["request"] = n.Body,
            ["attempts"] = new JsonArray(n.Attempts.Select(a => (JsonNode)new JsonObject
            {
                ["sentAt"] = AdoJson.Date(a.SentAt),
                ["statusCode"] = a.StatusCode,
                ["error"] = a.Error,
            }).ToArray()),
        },
    };
}
