using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AdoEmulator;

namespace AttachmentSync.Reliability.Tests.Soak;

/// <summary>
/// A person adding files in Azure DevOps while faults are injected: every call is retried, and a link is
/// retried only after re-reading the work item shows the relation is still missing, so it is added once.
/// </summary>
public sealed class ResilientAdoUser : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _project;

    public ResilientAdoUser(EmulatorHost emulator)
    {
        _project = emulator.ProjectName;
        _http = new HttpClient
        {
            BaseAddress = new Uri(emulator.OrganizationUrl.AbsoluteUri.TrimEnd('/') + "/"),
            Timeout = TimeSpan.FromSeconds(10),
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + emulator.Pat)));
    }

    public async Task AddAttachmentAsync(int workItemId, string fileName, byte[] bytes)
    {
        var (id, url) = await RetryAsync(() => UploadAsync(fileName, bytes));
        await RetryAsync(async () =>
        {
            var item = await GetAsync($"{_project}/_apis/wit/workitems/{workItemId}?$expand=relations&api-version=7.1");
            var relations = item["relations"]?.AsArray() ?? [];
            if (relations.Any(relation => relation!["url"]!.GetValue<string>().Contains(id, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }

            var patch = new JsonArray(
                new JsonObject { ["op"] = "test", ["path"] = "/rev", ["value"] = item["rev"]!.GetValue<int>() },
                new JsonObject
                {
                    ["op"] = "add",
                    ["path"] = "/relations/-",
                    ["value"] = new JsonObject { ["rel"] = "AttachedFile", ["url"] = url },
                });
            using var content = new StringContent(patch.ToJsonString(), Encoding.UTF8, "application/json-patch+json");
            using var response = await _http.PatchAsync($"{_project}/_apis/wit/workitems/{workItemId}?api-version=7.1", content);
            response.EnsureSuccessStatusCode();
            return true;
        });
    }

    public void Dispose() => _http.Dispose();

    private async Task<(string Id, string Url)> UploadAsync(string fileName, byte[] bytes)
    {
        using var upload = new ByteArrayContent(bytes);
        upload.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await _http.PostAsync(
            $"{_project}/_apis/wit/attachments?fileName={Uri.EscapeDataString(fileName)}&api-version=7.1", upload);
        response.EnsureSuccessStatusCode();
        var reference = await response.Content.ReadFromJsonAsync<JsonObject>();
        return (reference!["id"]!.GetValue<string>(), reference["url"]!.GetValue<string>());
    }

    private async Task<JsonObject> GetAsync(string url)
    {
        using var response = await _http.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<T> RetryAsync<T>(Func<Task<T>> action)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action();
            }
            catch (Exception exception) when (attempt < 100 && exception is HttpRequestException or TaskCanceledException
                                                  or System.Text.Json.JsonException or IOException)
            {
                await Task.Delay(100 * Math.Min(attempt, 10));
            }
        }
    }
}
