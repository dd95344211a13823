using System.Text.Json;
using System.Text.Json.Nodes;
using AdoEmulator.Infrastructure;

namespace AdoEmulator.WorkItems;

/// <summary>
/// <c>POST …/_apis/wit/workitemsbatch</c>: up to 200 ids, optional <c>fields</c>, <c>$expand</c> and
/// <c>errorPolicy</c> (Fail by default, or Omit for null in place of a missing item).
/// </summary>
internal static class BatchEndpoints
{
    public const int MaxIds = 200;

    public static void Map(IEndpointRouteBuilder collection) =>
        ProjectRoutes.Map(collection, "POST", "/_apis/wit/workitemsbatch", ReadAsync, "workitemsbatch");

    private static async Task<IResult> ReadAsync(HttpContext context, WorkItemStore store, WorkItemJson json)
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

        var ids = (body?["ids"] as JsonArray)?.Select(n => n?.GetValueKind() == JsonValueKind.Number ? n.GetValue<int>() : -1).ToList();
        if (ids is null || ids.Count == 0 || ids.Count > MaxIds || ids.Any(id => id < 0))
        {
            return AdoErrors.BadRequest($"The 'ids' property must list 1 to {MaxIds} work item ids.").ToResult();
        }

        var fields = (body!["fields"] as JsonArray)?.Select(n => n?.ToString() ?? "").ToList();
        var expand = body["$expand"]?.ToString();
        if (fields is not null && expand is not null && !expand.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return AdoErrors.BadRequest(
                "The expand parameter can not be used with the fields parameter.", "ConflictingParametersException").ToResult();
        }

        var omit = string.Equals(body["errorPolicy"]?.ToString(), "omit", StringComparison.OrdinalIgnoreCase);
        var view = WorkItemView.Parse(expand, fields) with { Links = false };
        return WorkItemListResult.Build(ids, omit, view, AdoUrls.From(context), store, json);
    }
}
