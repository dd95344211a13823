using System.Globalization;
using System.Text.Json.Nodes;
using AdoEmulator.Faults;
using AdoEmulator.Infrastructure;

namespace AdoEmulator.WorkItems;

/// <summary>Work item routes: create, get, list, update (JSON Patch), delete, updates and revisions.</summary>
internal static class WorkItemEndpoints
{
    private const string JsonPatch = "application/json-patch+json";

    public static void Map(IEndpointRouteBuilder collection)
    {
        ProjectRoutes.Map(collection, "POST", "/_apis/wit/workitems/${type}", CreateAsync, "workitems.create", projectRequired: true);
        ProjectRoutes.Map(collection, "GET", "/_apis/wit/workitems/{id:int}", Get, "workitems.get");
        ProjectRoutes.Map(collection, "GET", "/_apis/wit/workitems", List, "workitems.list");
        ProjectRoutes.Map(collection, "PATCH", "/_apis/wit/workitems/{id:int}", UpdateAsync, "workitems.update");
        ProjectRoutes.Map(collection, "DELETE", "/_apis/wit/workitems/{id:int}", Delete, "workitems.delete");
        ProjectRoutes.Map(collection, "GET", "/_apis/wit/workitems/{id:int}/updates", Updates, "workitems.updates");
        ProjectRoutes.Map(collection, "GET", "/_apis/wit/workitems/{id:int}/revisions", Revisions, "workitems.revisions");
    }

    private static async Task<IResult> CreateAsync(HttpContext context, WorkItemStore store, WorkItemJson json, string type)
    {
        if (!IsJsonPatch(context.Request))
        {
            return AdoErrors.UnsupportedContentType(context.Request.ContentType ?? "", JsonPatch).ToResult();
        }

        var (operations, error) = await PatchOperation.ReadAsync(context.Request);
        if (error is not null)
        {
            return error.ToResult();
        }

        var urls = AdoUrls.From(context);
        var (item, createError) = store.Create(type, operations!, urls);
        return createError?.ToResult() ?? new JsonNodeResult(json.Item(item!, urls, ReadChangeView(context)), 200);
    }

    private static IResult Get(HttpContext context, WorkItemStore store, WorkItemJson json, int id)
    {
        var item = store.Get(id);
        return item is null
            ? AdoErrors.WorkItemNotFound(id).ToResult()
            : new JsonNodeResult(json.Item(item, AdoUrls.From(context), ReadView(context)), 200);
    }

    /// <summary>Lists up to 200 work items by <c>ids=</c>. With <c>errorPolicy=Omit</c>, missing ones are null.</summary>
    private static IResult List(HttpContext context, WorkItemStore store, WorkItemJson json)
    {
        var query = context.Request.Query;
        var ids = ParseIds(query["ids"].ToString());
        if (ids is null || ids.Count == 0 || ids.Count > 200)
        {
            return AdoErrors.BadRequest("The ids parameter must list 1 to 200 work item ids separated by commas.").ToResult();
        }

        var fields = query["fields"].ToString() is { Length: > 0 } text ? text.Split(',', StringSplitOptions.TrimEntries) : null;
        if (fields is not null && query.ContainsKey("$expand"))
        {
            return AdoErrors.BadRequest(
                "The expand parameter can not be used with the fields parameter.", "ConflictingParametersException").ToResult();
        }

        var omit = string.Equals(query["errorPolicy"], "omit", StringComparison.OrdinalIgnoreCase);
        var view = WorkItemView.Parse(query["$expand"], fields);
        return WorkItemListResult.Build(ids, omit, view, AdoUrls.From(context), store, json);
    }

    private static async Task<IResult> UpdateAsync(
        HttpContext context, WorkItemStore store, WorkItemJson json, FaultRegistry faults, int id)
    {
        var observedRev = store.Get(id)?.Rev;
        if (!IsJsonPatch(context.Request))
        {
            return AdoErrors.UnsupportedContentType(context.Request.ContentType ?? "", JsonPatch).ToResult();
        }

        var (operations, error) = await PatchOperation.ReadAsync(context.Request);
        if (error is not null)
        {
            return error.ToResult();
        }

        var urls = AdoUrls.From(context);
        var forceConflict = faults.TakeForcedConflict(context);
        var (item, updateError) = store.Update(id, operations!, observedRev, forceConflict, urls);
        return updateError?.ToResult() ?? new JsonNodeResult(json.Item(item!, urls, ReadChangeView(context)), 200);
    }

    /// <summary>Moves the item to the recycle bin, so later reads return 404 TF401232.</summary>
    private static IResult Delete(HttpContext context, WorkItemStore store, WorkItemJson json, EmulatorIdentity identity, int id)
    {
        var urls = AdoUrls.From(context);
        var (item, deletedAt) = store.Delete(id, urls);
        if (item is null)
        {
            return AdoErrors.WorkItemNotFound(id).ToResult();
        }

        var resource = json.Item(item, urls, new WorkItemView(false, false, null, false));
        resource["_links"] = new JsonObject
        {
            ["self"] = AdoJson.Link(urls.RecycleBin(id)),
            ["workItemType"] = AdoJson.Link($"{urls.Project}/_apis/wit/workItemTypes/{item.Field(WorkItemFields.WorkItemType)}"),
            ["fields"] = AdoJson.Link($"{urls.Project}/_apis/wit/fields"),
        };
        resource["url"] = urls.RecycleBin(id);

        return new JsonNodeResult(new JsonObject
        {
            ["id"] = id,
            ["type"] = item.Field(WorkItemFields.WorkItemType),
            ["name"] = item.Field(WorkItemFields.Title),
            ["project"] = identity.ProjectName,
            ["deletedDate"] = deletedAt.UtcDateTime.ToString("M/d/yyyy h:mm:ss tt", CultureInfo.InvariantCulture),
            ["deletedBy"] = identity.UserFieldValue,
            ["code"] = 200,
            ["url"] = urls.RecycleBin(id),
            ["resource"] = resource,
        }, 200);
    }

    private static IResult Updates(HttpContext context, WorkItemStore store, WorkItemJson json, int id)
    {
        var updates = store.GetUpdates(id);
        var revisions = store.GetRevisions(id);
        if (updates is null || revisions is null)
        {
            return AdoErrors.WorkItemNotFound(id).ToResult();
        }

        var urls = AdoUrls.From(context);
        var skip = int.TryParse(context.Request.Query["$skip"], out var s) ? s : 0;
        var top = int.TryParse(context.Request.Query["$top"], out var t) ? t : int.MaxValue;
        var value = new JsonArray(updates.Skip(skip).Take(top)
            .Select(u => (JsonNode)json.Update(u, u.Rev < revisions.Count ? revisions[u.Rev] : null, urls)).ToArray());
        return new JsonNodeResult(new JsonObject { ["count"] = value.Count, ["value"] = value }, 200);
    }

    private static IResult Revisions(HttpContext context, WorkItemStore store, WorkItemJson json, int id)
    {
        var revisions = store.GetRevisions(id);
        if (revisions is null)
        {
            return AdoErrors.WorkItemNotFound(id).ToResult();
        }

        var urls = AdoUrls.From(context);
        var view = ReadView(context) with { Links = false };
        var value = new JsonArray(revisions.Select(r =>
        {
            var item = json.Item(r, urls, view);
            item["url"] = $"{urls.WorkItem(id)}/revisions/{r.Rev}";
            return (JsonNode)item;
        }).ToArray());
        return new JsonNodeResult(new JsonObject { ["count"] = value.Count, ["value"] = value }, 200);
    }

    private static WorkItemView ReadView(HttpContext context) => WorkItemView.Parse(context.Request.Query["$expand"], null);

    /// <summary>Create and update responses carry relations and links unless <c>$expand</c> is given.</summary>
    private static WorkItemView ReadChangeView(HttpContext context) =>
        context.Request.Query.ContainsKey("$expand") ? ReadView(context) : WorkItemView.Full;

    private static bool IsJsonPatch(HttpRequest request) =>
        request.ContentType?.StartsWith(JsonPatch, StringComparison.OrdinalIgnoreCase) == true;

    internal static List<int>? ParseIds(string text)
    {
        var ids = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return null;
            }

            ids.Add(id);
        }

        return ids;
    }
}
