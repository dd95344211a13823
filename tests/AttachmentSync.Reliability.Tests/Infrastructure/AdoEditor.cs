using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AdoEmulator;

namespace AttachmentSync.Reliability.Tests.Infrastructure;

/// <summary>Another person editing work items in Azure DevOps: title edits without a revision check, and deletes.</summary>
public sealed class AdoEditor : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _project;

    public AdoEditor(EmulatorHost emulator)
    {
        _project = emulator.ProjectName;
        _http = new HttpClient { BaseAddress = new Uri(emulator.OrganizationUrl.AbsoluteUri.TrimEnd('/') + "/") };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + emulator.Pat)));
    }

    /// <summary>Saves a new title, which raises the work item's revision; returns whether the save succeeded.</summary>
    public async Task<bool> EditTitleAsync(int workItemId, string title)
    {
        var patch = new JsonArray(new JsonObject { ["op"] = "add", ["path"] = "/fields/System.Title", ["value"] = title });
        using var content = new StringContent(patch.ToJsonString(), Encoding.UTF8, "application/json-patch+json");
        using var response = await _http.PatchAsync($"{_project}/_apis/wit/workitems/{workItemId}?api-version=7.1", content);
        return response.IsSuccessStatusCode;
    }

    public async Task DeleteWorkItemAsync(int workItemId)
    {
        using var response = await _http.DeleteAsync($"{_project}/_apis/wit/workitems/{workItemId}?api-version=7.1");
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => _http.Dispose();
}
