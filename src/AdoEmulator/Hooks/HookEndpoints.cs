using System.Text.Json;
using System.Text.Json.Nodes;
using AdoEmulator.Infrastructure;

namespace AdoEmulator.Hooks;

/// <summary>
/// Service-hooks subscription routes at collection level: create, list, get, delete and notification history.
/// Only publisher <c>tfs</c> with work-item events and consumer <c>webHooks</c>/<c>httpRequest</c> are accepted.
/// </summary>
internal static class HookEndpoints
{
    public static readonly HashSet<string> EventTypes = new(StringComparer.Ordinal)
    {
        "workitem.created", "workitem.updated", "workitem.deleted",
    };

    public static void Map(IEndpointRouteBuilder collection)
    {
        collection.MapPost("/_apis/hooks/subscriptions", CreateAsync).Named("hooks.subscriptions.create");
        collection.MapGet("/_apis/hooks/subscriptions", List).Named("hooks.subscriptions.list");
        collection.MapGet("/_apis/hooks/subscriptions/{id}", Get).Named("hooks.subscriptions.get");
        collection.MapDelete("/_apis/hooks/subscriptions/{id}", Delete).Named("hooks.subscriptions.delete");
        collection.MapGet("/_apis/hooks/subscriptions/{id}/notifications", Notifications).Named("hooks.notifications.list");
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context, SubscriptionStore store, EmulatorIdentity identity, TimeProvider time)
    {
        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException exception)
        {
            return AdoErrors.BadRequest($"The request body is not valid JSON: {exception.Message}").ToResult();
        }

        var error = Validate(body, identity);
        if (error is not null)
        {
            return AdoErrors.BadRequest(error, "InvalidSubscriptionException").ToResult();
        }

        var now = time.GetUtcNow();
        var publisherInputs = Inputs(body!["publisherInputs"]);
        publisherInputs["hostId"] = identity.CollectionId.ToString();
        publisherInputs["tfsSubscriptionId"] = Guid.NewGuid().ToString();
        var subscription = new HookSubscription
        {
            Id = Guid.NewGuid(),
            EventType = body["eventType"]!.ToString(),
            ResourceVersion = body["resourceVersion"]?.ToString() ?? "1.0",
            PublisherInputs = publisherInputs,
            ConsumerInputs = Inputs(body["consumerInputs"]),
            CreatedDate = now,
            ModifiedDate = now,
        };
        store.Add(subscription);
        return new JsonNodeResult(SubscriptionJson.Render(subscription, AdoUrls.From(context), identity), 200);
    }

    private static string? Validate(JsonObject? body, EmulatorIdentity identity)
    {
        if (body is null)
        {
            return "The request body must be a subscription JSON object.";
        }

        string Text(string name) => body[name]?.ToString() ?? "";
        if (Text("publisherId") != "tfs")
        {
            return $"publisherId '{Text("publisherId")}' is not supported. Expected 'tfs'.";
        }

        if (!EventTypes.Contains(Text("eventType")))
        {
            return $"eventType '{Text("eventType")}' is not supported. Expected one of {string.Join(", ", EventTypes)}.";
        }

        if (Text("consumerId") != "webHooks" || Text("consumerActionId") != "httpRequest")
        {
            return "Only consumerId 'webHooks' with consumerActionId 'httpRequest' is supported.";
        }

        var url = body["consumerInputs"]?["url"]?.ToString();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
        {
            return $"consumerInputs.url '{url}' is invalid. Expected an absolute http or https URL.";
        }

        var projectId = body["publisherInputs"]?["projectId"]?.ToString();
        if (!string.IsNullOrEmpty(projectId) && !identity.IsProject(projectId))
        {
            return $"publisherInputs.projectId '{projectId}' does not name the project {identity.ProjectId}.";
        }

        return null;
    }

    private static Dictionary<string, string> Inputs(JsonNode? node)
    {
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                inputs[key] = value?.ToString() ?? "";
            }
        }

        return inputs;
    }

    /// <summary>
    /// Lists the subscriptions matching the optional query parameters <c>publisherId</c>, <c>eventType</c>,
    /// <c>consumerId</c> and <c>consumerActionId</c>. Values are compared case-sensitively.
    /// </summary>
    private static IResult List(HttpContext context, SubscriptionStore store, EmulatorIdentity identity)
    {
        var query = context.Request.Query;
        bool Matches(string name, string value) =>
            string.IsNullOrEmpty(query[name]) || string.Equals(query[name], value, StringComparison.Ordinal);

        var urls = AdoUrls.From(context);
        var matching = store.All().Where(s =>
            Matches("publisherId", "tfs")
            && Matches("eventType", s.EventType)
            && Matches("consumerId", "webHooks")
            && Matches("consumerActionId", "httpRequest"));
        var value = new JsonArray(matching.Select(s => (JsonNode)SubscriptionJson.Render(s, urls, identity)).ToArray());
        return new JsonNodeResult(new JsonObject { ["count"] = value.Count, ["value"] = value }, 200);
    }

    private static IResult Get(HttpContext context, SubscriptionStore store, EmulatorIdentity identity, string id)
    {
        var subscription = Guid.TryParse(id, out var guid) ? store.Get(guid) : null;
        return subscription is null
            ? AdoErrors.SubscriptionNotFound(id).ToResult()
            : new JsonNodeResult(SubscriptionJson.Render(subscription, AdoUrls.From(context), identity), 200);
    }

    private static IResult Delete(SubscriptionStore store, string id) =>
        Guid.TryParse(id, out var guid) && store.Delete(guid)
            ? Results.NoContent()
            : AdoErrors.SubscriptionNotFound(id).ToResult();

    private static IResult Notifications(SubscriptionStore store, string id)
    {
        if (!Guid.TryParse(id, out var guid) || store.Get(guid) is null)
        {
            return AdoErrors.SubscriptionNotFound(id).ToResult();
        }

        var value = new JsonArray(store.Notifications(guid).Select(n => (JsonNode)SubscriptionJson.Notification(n)).ToArray());
        return new JsonNodeResult(new JsonObject { ["count"] = value.Count, ["value"] = value }, 200);
    }
}
