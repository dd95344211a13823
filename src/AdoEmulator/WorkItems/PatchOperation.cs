using System.Text.Json;
using System.Text.Json.Nodes;
using AdoEmulator.Infrastructure;

namespace AdoEmulator.WorkItems;

/// <summary>One JSON Patch operation (RFC 6902) of a work-item create or update request.</summary>
internal sealed record PatchOperation(string Op, string Path, JsonNode? Value)
{
    private static readonly HashSet<string> KnownOps = new(StringComparer.OrdinalIgnoreCase)
    {
        "add", "remove", "replace", "test", "move", "copy",
    };

    /// <summary>Parses a JSON Patch document, or returns an error naming the first invalid operation.</summary>
    public static async Task<(List<PatchOperation>? Operations, AdoError? Error)> ReadAsync(HttpRequest request)
    {
        JsonNode? document;
        try
        {
            document = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException exception)
        {
            return (null, AdoErrors.PatchFailed($"The request body is not valid JSON: {exception.Message}"));
        }

        if (document is not JsonArray array || array.Count == 0)
        {
            return (null, AdoErrors.PatchFailed("The request body must be a non-empty JSON Patch array."));
        }

        var operations = new List<PatchOperation>();
        for (var i = 0; i < array.Count; i++)
        {
            var item = array[i] as JsonObject;
            var op = item?["op"]?.GetValueKind() == JsonValueKind.String ? item["op"]!.GetValue<string>() : null;
            var path = item?["path"]?.GetValueKind() == JsonValueKind.String ? item["path"]!.GetValue<string>() : null;
            if (op is null || path is null || !KnownOps.Contains(op))
            {
                return (null, AdoErrors.PatchFailed(
                    $"Operation {i} is invalid: expected 'op' (add, remove, replace, test, move or copy) and 'path'."));
            }

            operations.Add(new PatchOperation(op.ToLowerInvariant(), path, item!["value"]?.DeepClone()));
        }

        return (operations, null);
    }
}
