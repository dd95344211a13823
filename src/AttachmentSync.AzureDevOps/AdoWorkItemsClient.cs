using System.Globalization;
using AttachmentSync.AzureDevOps.Http;
using AttachmentSync.AzureDevOps.Models;

namespace AttachmentSync.AzureDevOps;

/// <summary>
/// Work item reads and JSON Patch updates (<c>_apis/wit/workitems</c>), WIQL and the batch read.
/// </summary>
public sealed class AdoWorkItemsClient(AdoConnection connection)
{
    /// <summary>The largest id list the batch endpoint takes.</summary>
    public const int MaxBatchSize = 200;

    public Task<WorkItem> GetAsync(int id, CancellationToken cancellationToken)
    {
        var url = connection.Urls.Project(["wit", "workitems", Id(id)], ("$expand", "relations"));
        return connection.SendForJsonAsync<WorkItem>(new HttpRequestMessage(HttpMethod.Get, url), cancellationToken);
    }

    /// <summary>
    /// Applies a JSON Patch and returns the item at its new revision. A failed <c>test</c> operation raises
    /// a <see cref="AdoErrorKind.Conflict"/> error (412) and applies nothing.
    /// </summary>
    public Task<WorkItem> UpdateAsync(
        int id, IReadOnlyList<JsonPatchOperation> operations, CancellationToken cancellationToken)
    {
        var url = connection.Urls.Project(["wit", "workitems", Id(id)], ("$expand", "relations"));
        var request = new HttpRequestMessage(HttpMethod.Patch, url)
        {
            Content = AdoConnection.JsonBody(operations, "application/json-patch+json"),
        };
        return connection.SendForJsonAsync<WorkItem>(request, cancellationToken);
    }

    /// <summary>Creates a work item of <paramref name="type"/> (such as Bug or Task) with the given fields.</summary>
    public Task<WorkItem> CreateAsync(
        string type, IReadOnlyDictionary<string, object> fields, CancellationToken cancellationToken)
    {
        var url = connection.Urls.Project(["wit", "workitems", "$" + type]);
        var operations = fields.Select(field => JsonPatchOperation.AddField(field.Key, field.Value)).ToList();
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = AdoConnection.JsonBody(operations, "application/json-patch+json"),
        };
        return connection.SendForJsonAsync<WorkItem>(request, cancellationToken);
    }

    /// <summary>Runs a flat WIQL query; the result holds ids only.</summary>
    public Task<WiqlResult> QueryAsync(string wiql, CancellationToken cancellationToken)
    {
        var url = connection.Urls.Project(["wit", "wiql"], ("timePrecision", "true"));
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = AdoConnection.JsonBody(new { query = wiql }) };
        return connection.SendForJsonAsync<WiqlResult>(request, cancellationToken);
    }

    /// <summary>
    /// Reads up to <see cref="MaxBatchSize"/> work items with relations in one call. Ids that do not exist
    /// or cannot be read are left out of the result.
    /// </summary>
    public async Task<IReadOnlyList<WorkItem>> GetBatchAsync(IReadOnlyList<int> ids, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ids.Count, MaxBatchSize, nameof(ids));
        var url = connection.Urls.Project(["wit", "workitemsbatch"]);
        var body = new Dictionary<string, object>
        {
            ["ids"] = ids,
            ["$expand"] = "Relations",
            ["errorPolicy"] = "Omit",
        };
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = AdoConnection.JsonBody(body) };
        var list = await connection.SendForJsonAsync<AdoList<WorkItem?>>(request, cancellationToken);
        return list.Value.OfType<WorkItem>().ToList();
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
