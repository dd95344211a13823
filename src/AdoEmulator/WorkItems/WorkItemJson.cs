using System.Text.Json.Nodes;
using AdoEmulator.Infrastructure;

namespace AdoEmulator.WorkItems;

/// <summary>Which parts of a work item a response includes, from <c>$expand</c> and <c>fields</c>.</summary>
internal sealed record WorkItemView(bool Relations, bool Links, IReadOnlyList<string>? FieldFilter, bool IdentityObjects)
{
    public static readonly WorkItemView Full = new(true, true, null, true);

    /// <summary>
    /// Reads <c>$expand</c> (None, Relations, Fields, Links, All, case-insensitive, or their enum numbers 0 to 4, which
    /// the official clients send) and <c>fields</c>.
    /// </summary>
    public static WorkItemView Parse(string? expand, IReadOnlyList<string>? fields)
    {
        var value = (expand ?? "none").ToLowerInvariant() switch
        {
            "0" => "none",
            "1" => "relations",
            "2" => "fields",
            "3" => "links",
            "4" => "all",
            var name => name,
        };
        var relations = value is "relations" or "all";
        var links = fields is null;
        return new WorkItemView(relations, links, fields, true);
    }
}

/// <summary>Renders work items, updates and revisions in the JSON shapes of the Azure DevOps REST API.</summary>
internal sealed class WorkItemJson(EmulatorIdentity identity)
{
    public JsonObject Item(WorkItemSnapshot item, AdoUrls urls, WorkItemView view)
    {
        var json = new JsonObject
        {
            ["id"] = item.Id,
            ["rev"] = item.Rev,
            ["fields"] = Fields(item, urls, view),
        };

        if (view.Relations && item.Relations.Count > 0)
        {
            json["relations"] = Relations(item.Relations);
        }

        if (view.Links)
        {
            json["_links"] = Links(item, urls);
        }

        json["url"] = urls.WorkItem(item.Id);
        return json;
    }

    public JsonObject Fields(WorkItemSnapshot item, AdoUrls urls, WorkItemView view)
    {
        var fields = new JsonObject();
        if (view.FieldFilter is { } filter)
        {
            foreach (var name in filter)
            {
                var key = item.Fields.Keys.FirstOrDefault(k => k.Equals(name, StringComparison.OrdinalIgnoreCase));
                if (key is not null)
                {
                    fields[key] = IdentityJson.Render(key, item.Fields[key], urls, identity, view.IdentityObjects);
                }
            }

            return fields;
        }

        foreach (var (name, value) in item.Fields)
        {
            if (!WorkItemFields.Hidden.Contains(name))
            {
                fields[name] = IdentityJson.Render(name, value, urls, identity, view.IdentityObjects);
            }
        }

        return fields;
    }

    public static JsonArray Relations(IEnumerable<WorkItemRelation> relations) =>
        new(relations.Select(r => (JsonNode)new JsonObject
        {
            ["rel"] = r.Rel,
            ["url"] = r.Url,
            ["attributes"] = r.Attributes.DeepClone(),
        }).ToArray());

    public JsonObject Update(WorkItemUpdate update, WorkItemSnapshot? next, AdoUrls urls, bool identityObjects = true)
    {
        var self = $"{urls.WorkItem(update.WorkItemId)}/updates/{update.Id}";
        var fields = new JsonObject();
        foreach (var (name, change) in update.Fields)
        {
            var pair = new JsonObject();
            if (change.HasOld)
            {
                pair["oldValue"] = IdentityJson.Render(name, change.OldValue, urls, identity, identityObjects);
            }

            if (change.HasNew)
            {
                pair["newValue"] = IdentityJson.Render(name, change.NewValue, urls, identity, identityObjects);
            }

            fields[name] = pair;
        }

        var json = new JsonObject
        {
            ["id"] = update.Id,
            ["workItemId"] = update.WorkItemId,
            ["rev"] = update.Rev,
            ["revisedBy"] = IdentityJson.Ref(identity.UserFieldValue, urls, identity, withName: true),
            ["revisedDate"] = next is null ? AdoJson.EndOfTime : next.Field(WorkItemFields.ChangedDate),
            ["fields"] = fields,
        };

        var relations = RelationDelta(update);
        if (relations is not null)
        {
            json["relations"] = relations;
        }

        json["_links"] = new JsonObject
        {
            ["self"] = AdoJson.Link(self),
            ["workItemUpdates"] = AdoJson.Link($"{urls.WorkItem(update.WorkItemId)}/updates"),
            ["parent"] = AdoJson.Link(urls.WorkItem(update.WorkItemId)),
            ["html"] = AdoJson.Link($"{urls.Project}/_workitems/edit/{update.WorkItemId}"),
        };
        json["url"] = self;
        return json;
    }

    private static JsonObject? RelationDelta(WorkItemUpdate update)
    {
        if (update.Added.Count + update.Removed.Count + update.Updated.Count == 0)
        {
            return null;
        }

        var delta = new JsonObject();
        if (update.Added.Count > 0)
        {
            delta["added"] = Relations(update.Added);
        }

        if (update.Removed.Count > 0)
        {
            delta["removed"] = Relations(update.Removed);
        }

        if (update.Updated.Count > 0)
        {
            delta["updated"] = Relations(update.Updated);
        }

        return delta;
    }

    private static JsonObject Links(WorkItemSnapshot item, AdoUrls urls)
    {
        var self = urls.WorkItem(item.Id);
        var type = Uri.EscapeDataString(item.Field(WorkItemFields.WorkItemType) ?? "");
        return new JsonObject
        {
            ["self"] = AdoJson.Link(self),
            ["workItemUpdates"] = AdoJson.Link(self + "/updates"),
            ["workItemRevisions"] = AdoJson.Link(self + "/revisions"),
            ["workItemComments"] = AdoJson.Link(self + "/comments"),
            ["html"] = AdoJson.Link($"{urls.Project}/_workitems/edit/{item.Id}"),
            ["workItemType"] = AdoJson.Link($"{urls.Project}/_apis/wit/workItemTypes/{type}"),
            ["fields"] = AdoJson.Link($"{urls.Project}/_apis/wit/fields"),
        };
    }
}
