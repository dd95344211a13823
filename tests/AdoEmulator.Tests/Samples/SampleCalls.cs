using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AdoEmulator.Tests.Support;

namespace AdoEmulator.Tests.Samples;

/// <summary>Emulator calls the sample walk builds its scenarios from. Each returns the parsed response body.</summary>
internal static class SampleCalls
{
    public static async Task<JsonNode?> SendAsync(TestEmulator emulator, HttpMethod method, string path, JsonNode? body, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString());
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        using var response = await emulator.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    public static async Task<int> StatusAsync(TestEmulator emulator, HttpMethod method, string path, JsonNode body, string contentType)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body.ToJsonString()) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await emulator.Client.SendAsync(request);
        return (int)response.StatusCode;
    }

    public static async Task<JsonNode?> PatchAsync(TestEmulator emulator, int id, JsonNode patch) =>
        await SendAsync(emulator, HttpMethod.Patch, $"_apis/wit/workitems/{id}?api-version=7.1", patch, "application/json-patch+json");

    public static Task<JsonNode?> LinkAsync(TestEmulator emulator, int id, int target, string rel, string? comment = null)
    {
        var attributes = comment is null ? null : new JsonObject { ["comment"] = comment };
        return PatchAsync(emulator, id, new JsonArray(new JsonObject
        {
            ["op"] = "add",
            ["path"] = "/relations/-",
            ["value"] = new JsonObject
            {
                ["rel"] = rel,
                ["url"] = $"{emulator.Host.OrganizationUrl}/_apis/wit/workItems/{target}",
                ["attributes"] = attributes,
            },
        }));
    }

    public static async Task<JsonObject> AttachAsync(TestEmulator emulator, int id, string fileName, string comment)
    {
        var attachment = await emulator.UploadAsync(fileName, "sample attachment"u8.ToArray());
        return await emulator.AttachAsync(id, attachment, comment);
    }

    /// <summary>
    /// Replaces ids and URLs of the recorded organization in a request sample with ones that exist in the emulator.
    /// </summary>
    public static JsonNode Substitute(JsonNode sample, Func<JsonObject, bool> match, Action<JsonObject> change)
    {
        var copy = sample.DeepClone();
        foreach (var node in Descendants(copy).OfType<JsonObject>().Where(match).ToList())
        {
            change(node);
        }

        return copy;
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject obj => obj.Select(p => p.Value),
            JsonArray array => array,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }
}
