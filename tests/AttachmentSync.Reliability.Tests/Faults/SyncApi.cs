using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AttachmentSync.Tests.Infrastructure;

namespace AttachmentSync.Reliability.Tests.Faults;

/// <summary>Calls of the service's REST API that fault tests share.</summary>
public static class SyncApi
{
    public static async Task<JsonObject> UploadAsync(SyncTestHost sync, int workItemId, string fileName, byte[] bytes)
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await sync.Api.PostAsync(
            $"/api/sync/upload?workItemId={workItemId}&fileName={Uri.EscapeDataString(fileName)}", content);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Returns the attachments of the work item from <c>GET /api/sync/status/{id}</c>.</summary>
    public static async Task<List<JsonObject>> StatusAsync(SyncTestHost sync, int workItemId)
    {
        var status = await sync.Api.GetFromJsonAsync<JsonObject>($"/api/sync/status/{workItemId}");
        return status!["attachments"]!.AsArray().OfType<JsonObject>().ToList();
    }

    /// <summary>Waits until every live attachment of the work item is synced and there are <paramref name="count"/>.</summary>
    public static Task WaitForSyncedAsync(SyncTestHost sync, int workItemId, int count, TimeSpan? timeout = null) =>
        SyncTestHost.WaitUntilAsync(async () =>
        {
            var live = (await StatusAsync(sync, workItemId)).Where(item => State(item) != "DELETED").ToList();
            return live.Count == count && live.All(item => State(item) == "SYNCED");
        }, $"work item {workItemId} has {count} synced attachments", timeout ?? TimeSpan.FromSeconds(60));

    public static string State(JsonObject item) => item["syncStatus"]!.GetValue<string>();

    public static string? Reason(JsonObject item) => item["statusReason"]?.GetValue<string>();

    public static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
