using System.Text.Json;
using System.Text.Json.Nodes;
using AdoEmulator.Infrastructure;

namespace AdoEmulator.WorkItems;

/// <summary>
/// <c>POST {coll}[/{project}[/{team}]]/_apis/wit/wiql</c>: runs a flat query and returns ids only, with
/// <c>asOf</c>, <c>columns</c> and <c>sortColumns</c>, as Azure DevOps does. <c>$top</c> limits the result.
/// </summary>
internal static class WiqlEndpoints
{
    public static void Map(IEndpointRouteBuilder collection)
    {
        ProjectRoutes.Map(collection, "POST", "/_apis/wit/wiql", QueryAsync, "wiql");
        ProjectRoutes.MapScoped(collection, "POST", "/{project}/{team}/_apis/wit/wiql", QueryAsync, "wiql");
    }

    private static async Task<IResult> QueryAsync(
        HttpContext context, WorkItemStore store, EmulatorIdentity identity, TimeProvider time)
    {
        string? text;
        try
        {
            var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            text = body?["query"]?.GetValue<string>();
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return AdoErrors.BadRequest($"The request body must be {{\"query\": \"<WIQL>\"}}: {exception.Message}").ToResult();
        }

        var asOf = time.GetUtcNow();
        WiqlQuery query;
        try
        {
            query = new WiqlParser(identity.ProjectName, identity.UserFieldValue, asOf).Parse(text ?? "");
        }
        catch (FormatException exception)
        {
            return AdoErrors.BadRequest($"TF51005: The WIQL query is invalid: {exception.Message}", "WiqlSyntaxException")
                .ToResult();
        }

        var items = store.All().Where(query.Filter).ToList();
        items.Sort((a, b) => CompareByOrder(a, b, query.OrderBy));
        if (int.TryParse(context.Request.Query["$top"], out var top))
        {
            items = items.Take(top).ToList();
        }

        var urls = AdoUrls.From(context);
        return new JsonNodeResult(new JsonObject
        {
            ["queryType"] = "flat",
            ["queryResultType"] = "workItem",
            ["asOf"] = AdoJson.Date(asOf),
            ["columns"] = new JsonArray(query.Columns.Select(c => (JsonNode)Field(c, urls)).ToArray()),
            ["sortColumns"] = new JsonArray(query.OrderBy.Select(o => (JsonNode)new JsonObject
            {
                ["field"] = Field(o.Field, urls),
                ["descending"] = o.Descending,
            }).ToArray()),
            ["workItems"] = new JsonArray(items.Select(i => (JsonNode)new JsonObject
            {
                ["id"] = i.Id,
                ["url"] = urls.WorkItem(i.Id),
            }).ToArray()),
        }, 200);
    }

    private static int CompareByOrder(WorkItemSnapshot a, WorkItemSnapshot b, IReadOnlyList<(string Field, bool Descending)> order)
    {
        foreach (var (field, descending) in order)
        {
            var result = WiqlComparer.CompareFields(a, b, field);
            if (result != 0)
            {
                return descending ? -result : result;
            }
        }

        return a.Id.CompareTo(b.Id);
    }

    private static JsonObject Field(string referenceName, AdoUrls urls) => new()
    {
        ["referenceName"] = referenceName,
        ["name"] = WorkItemFields.DisplayName(referenceName),
        ["url"] = urls.Field(referenceName),
    };
}
