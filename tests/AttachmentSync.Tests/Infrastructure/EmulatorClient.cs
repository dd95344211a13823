using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AdoEmulator;

namespace AttachmentSync.Tests.Infrastructure;

/// <summary>
/// Acts in "Azure DevOps" the way a person or another tool would there: through the emulator's REST API.
/// </summary>
public sealed class EmulatorClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _project;

    public EmulatorClient(EmulatorHost emulator)
    {
        _project = emulator.ProjectName;
        _http = new HttpClient { BaseAddress = new Uri(emulator.OrganizationUrl.AbsoluteUri.TrimEnd('/') + "/") };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + emulator.Pat)));
    }

    public async Task<int> CreateWorkItemAsync(string title)
    {
        var body = new JsonArray(new JsonObject { ["op"] = "add", ["path"] = "/fields/System.Title", ["value"] = title });
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json-patch+json");
        using var response = await _http.PostAsync($"{_project}/_apis/wit/workitems/$Bug?api-version=7.1", content);
        response.EnsureSuccessStatusCode();
        var item = await response.Content.ReadFromJsonAsync<JsonObject>();
        return item!["id"]!.GetValue<int>();
    }

    /// <summary>Uploads a file to the emulator and links it to the work item, as a user of Azure DevOps does.</summary>
    public async Task<Guid> AddAttachmentAsync(int workItemId, string fileName, byte[] bytes)
    {
        using var upload = new ByteArrayContent(bytes);
        upload.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var created = await _http.PostAsync(
            $"{_project}/_apis/wit/attachments?fileName={Uri.EscapeDataString(fileName)}&api-version=7.1", upload);
        created.EnsureSuccessStatusCode();
        var reference = await created.Content.ReadFromJsonAsync<JsonObject>();
        var url = reference!["url"]!.GetValue<string>();

        var item = await GetWorkItemAsync(workItemId);
        var patch = new JsonArray(
            new JsonObject { ["op"] = "test", ["path"] = "/rev", ["value"] = item["rev"]!.GetValue<int>() },
            new JsonObject
            {
                ["op"] = "add",
                ["path"] = "/relations/-",
                ["value"] = new JsonObject
                {
                    ["rel"] = "AttachedFile",
                    ["url"] = url,
                    ["attributes"] = new JsonObject { ["comment"] = "added in Azure DevOps" },
                },
            });
        await PatchAsync(workItemId, patch);
        return Guid.Parse(reference["id"]!.GetValue<string>());
    }

    /// <summary>Removes the relation to <paramref name="attachmentId"/> from the work item.</summary>
    public async Task RemoveAttachmentAsync(int workItemId, Guid attachmentId)
    {
        var item = await GetWorkItemAsync(workItemId);
        var relations = item["relations"]?.AsArray() ?? [];
        var index = relations.Select((relation, i) => (relation, i))
            .First(pair => pair.relation!["url"]!.GetValue<string>().Contains(attachmentId.ToString(), StringComparison.OrdinalIgnoreCase)).i;
        await PatchAsync(workItemId, new JsonArray(
            new JsonObject { ["op"] = "test", ["path"] = "/rev", ["value"] = item["rev"]!.GetValue<int>() },
            new JsonObject { ["op"] = "remove", ["path"] = $"/relations/{index}" }));
    }

    public async Task<JsonObject> GetWorkItemAsync(int workItemId)
    {
        var item = await _http.GetFromJsonAsync<JsonObject>($"{_project}/_apis/wit/workitems/{workItemId}?$expand=relations&api-version=7.1");
        return item!;
    }

    /// <summary>Returns the AttachedFile relations of a work item as (GUID, name, size).</summary>
    public async Task<List<(Guid Id, string Name, long Size)>> GetAttachedFilesAsync(int workItemId)
    {
        var item = await GetWorkItemAsync(workItemId);
        return (item["relations"]?.AsArray() ?? [])
            .Where(relation => relation!["rel"]!.GetValue<string>() == "AttachedFile")
            .Select(relation =>
            {
                var url = new Uri(relation!["url"]!.GetValue<string>());
                var attributes = relation["attributes"]!;
                return (Guid.Parse(url.Segments[^1]), attributes["name"]!.GetValue<string>(),
                    attributes["resourceSize"]!.GetValue<long>());
            })
            .ToList();
    }

    /// <summary>Returns every service-hook subscription of the organization, as the list route renders them.</summary>
    public async Task<List<JsonObject>> ListSubscriptionsAsync()
    {
        var list = await _http.GetFromJsonAsync<JsonObject>("_apis/hooks/subscriptions?api-version=7.1");
        return list!["value"]!.AsArray().OfType<JsonObject>().ToList();
    }

    public void Dispose() => _http.Dispose();

    private async Task PatchAsync(int workItemId, JsonArray patch)
    {
        using var content = new StringContent(patch.ToJsonString(), Encoding.UTF8, "application/json-patch+json");
        using var response = await _http.PatchAsync($"{_project}/_apis/wit/workitems/{workItemId}?api-version=7.1", content);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"PATCH work item {workItemId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
