using System.Text.Json.Nodes;
using AdoEmulator.Infrastructure;

namespace AdoEmulator.WorkItems;

/// <summary>
/// The <c>{count, value}</c> body shared by the work item list and the batch read. With the Omit error policy a
/// missing id becomes <c>null</c> in <c>value</c>; with Fail the first missing id returns 404 TF401232.
/// </summary>
internal static class WorkItemListResult
{
    public static IResult Build(
        IEnumerable<int> ids, bool omit, WorkItemView view, AdoUrls urls, WorkItemStore store, WorkItemJson json)
    {
        var value = new JsonArray();
        foreach (var id in ids)
        {
            var item = store.Get(id);
            if (item is null && !omit)
            {
                return AdoErrors.WorkItemNotFound(id).ToResult();
            }

            value.Add(item is null ? null : json.Item(item, urls, view));
        }

        return new JsonNodeResult(new JsonObject { ["count"] = value.Count, ["value"] = value }, 200);
    }
}
