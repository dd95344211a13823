using System.Net;
using System.Text.Json.Nodes;
using AdoEmulator.Infrastructure;
using AdoEmulator.WorkItems;

namespace AdoEmulator.Hooks;

/// <summary>
/// Builds service-hook payloads for work-item events, shaped like Azure DevOps deliveries: created and deleted carry
/// the work item, updated carries a WorkItemUpdate with the full item at the new rev in <c>revision</c>. Identity
/// fields are strings here, as in real deliveries.
/// </summary>
internal sealed class HookPayloadBuilder(EmulatorIdentity identity, WorkItemJson json)
{
    private static readonly WorkItemView HookView = new(true, false, null, IdentityObjects: false);

    public JsonObject Build(WorkItemEvent change, HookSubscription subscription, int notificationId, Guid eventId, DateTimeOffset now)
    {
        var eventType = EventType(change.Kind);
        var resource = Resource(change, subscription.Input("resourceDetailsToSend"));
        var baseUrl = change.Urls.Collection + "/";
        return new JsonObject
        {
            ["subscriptionId"] = subscription.Id.ToString(),
            ["notificationId"] = notificationId,
            ["id"] = eventId.ToString(),
            ["eventType"] = eventType,
            ["publisherId"] = "tfs",
            ["message"] = Messages(change, detailed: false, subscription.Input("messagesToSend")),
            ["detailedMessage"] = Messages(change, detailed: true, subscription.Input("detailedMessagesToSend")),
            ["resource"] = resource,
            ["resourceVersion"] = "1.0",
            ["resourceContainers"] = new JsonObject
            {
                ["collection"] = new JsonObject { ["id"] = identity.CollectionId.ToString(), ["baseUrl"] = baseUrl },
                ["account"] = new JsonObject { ["id"] = identity.AccountId.ToString(), ["baseUrl"] = baseUrl },
                ["project"] = new JsonObject { ["id"] = identity.ProjectId.ToString(), ["baseUrl"] = baseUrl },
            },
            ["createdDate"] = AdoJson.PreciseDate(now),
        };
    }

    public static string EventType(WorkItemEventKind kind) => kind switch
    {
        WorkItemEventKind.Created => "workitem.created",
        WorkItemEventKind.Updated => "workitem.updated",
        _ => "workitem.deleted",
    };

    private JsonNode? Resource(WorkItemEvent change, string details)
    {
        if (details.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var urls = change.Urls;
        var item = change.Snapshot;
        var minimal = details.Equals("minimal", StringComparison.OrdinalIgnoreCase);
        switch (change.Kind)
        {
            case WorkItemEventKind.Updated:
                var update = json.Update(change.Update!, null, urls, identityObjects: false);
                if (minimal)
                {
                    return new JsonObject
                    {
                        ["id"] = update["id"]!.DeepClone(),
                        ["workItemId"] = item.Id,
                        ["rev"] = item.Rev,
                        ["url"] = update["url"]!.DeepClone(),
                    };
                }

                var revision = json.Item(item, urls, HookView);
                var revisionUrl = $"{urls.WorkItem(item.Id)}/revisions/{item.Rev}";
                revision["_links"] = new JsonObject
                {
                    ["self"] = AdoJson.Link(revisionUrl),
                    ["workItemRevisions"] = AdoJson.Link($"{urls.WorkItem(item.Id)}/revisions"),
                    ["parent"] = AdoJson.Link(urls.WorkItem(item.Id)),
                };
                revision["url"] = revisionUrl;
                update["revision"] = revision;
                return update;
            case WorkItemEventKind.Deleted:
                var deleted = minimal ? new JsonObject { ["id"] = item.Id } : json.Item(item, urls, HookView with { Relations = false });
                deleted["_links"] = new JsonObject { ["self"] = AdoJson.Link(urls.RecycleBin(item.Id)) };
                deleted["url"] = urls.RecycleBin(item.Id);
                return deleted;
            default:
                return minimal
                    ? new JsonObject { ["id"] = item.Id, ["url"] = urls.WorkItem(item.Id) }
                    : json.Item(item, urls, HookView with { Links = true });
        }
    }

    private JsonObject? Messages(WorkItemEvent change, bool detailed, string wanted)
    {
        if (wanted.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var item = change.Snapshot;
        var verb = change.Kind.ToString().ToLowerInvariant();
        var label = $"{item.Field(WorkItemFields.WorkItemType)} #{item.Id}";
        var summary = $"({item.Field(WorkItemFields.Title)}) {verb} by {identity.UserDisplayName}.";
        var link = $"{change.Urls.Project}/_workitems/edit/{item.Id}";
        var state = detailed ? $"\r\n\r\n- State: {item.Field(WorkItemFields.State)}\r\n" : "";
        var messages = new JsonObject
        {
            ["text"] = $"{label} {summary}\r\n({link}){state}",
            ["html"] = $"<a href=\"{WebUtility.HtmlEncode(link)}\">{label}</a> {WebUtility.HtmlEncode(summary)}",
            ["markdown"] = $"[{label}]({link}) {summary}{state.Replace("- ", "* ", StringComparison.Ordinal)}",
        };

        if (wanted is "text" or "html" or "markdown")
        {
            return new JsonObject { [wanted] = messages[wanted]!.DeepClone() };
        }

        return messages;
    }
}
