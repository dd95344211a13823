using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AttachmentSync.AzureDevOps;
using AttachmentSync.AzureDevOps.Http;
using AttachmentSync.Security.Tests.Infrastructure;
using AttachmentSync.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AttachmentSync.Security.Tests.Ssrf;

/// <summary>
/// URLs from payloads and from Azure DevOps responses are never followed: every request is rebuilt from
/// the configured organization and a GUID. Foreign URLs point at a recording listener on loopback, or at
/// addresses the outgoing-connection guard refuses before anything is sent.
/// </summary>
public sealed class ForeignUrlTests(SecureHost host) : IClassFixture<SecureHost>
{
    public static TheoryData<string> Places => new() { "listener", "link-local", "other host" };

    [Theory]
    [MemberData(nameof(Places))]
    public async Task Webhook_urls_cause_no_request(string place)
    {
        var workItemId = await host.Sync.Ado.CreateWorkItemAsync("webhook " + place);
        var url = Url(place);
        var payload = Webhook.Updated(workItemId);
        payload["resource"]!["url"] = url;
        payload["resource"]!["revision"]!["relations"] = new JsonArray(new JsonObject
        {
            ["rel"] = "AttachedFile",
            ["url"] = $"{url}/_apis/wit/attachments/{Guid.NewGuid()}",
        });
        payload["resourceContainers"] = new JsonObject { ["project"] = new JsonObject { ["baseUrl"] = url } };

        using var response = await host.Anonymous.SendAsync(Webhook.Request(payload.ToJsonString(), secret: host.Sync.WebhookSecret));
        await WaitForJobsAsync(workItemId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, host.Listener.ConnectionCount);
        Assert.Empty(host.ForeignConnectionAttempts());
    }

    [Theory]
    [MemberData(nameof(Places))]
    public async Task Relation_url_is_rebuilt_from_organization(string place)
    {
        var workItemId = await host.Sync.Ado.CreateWorkItemAsync("relation " + place);
        var bytes = Encoding.UTF8.GetBytes("linked from a foreign URL " + Guid.NewGuid());
        var attachmentId = await LinkWithForeignUrlAsync(workItemId, bytes, Url(place));

        using var sync = await host.Client.PostAsync($"/api/sync/force-sync/{workItemId}", null);
        await WaitForJobsAsync(workItemId);

        var records = await host.Client.GetFromJsonAsync<JsonArray>($"/api/sync/attachments/{workItemId}");
        var record = Assert.Single(records!);
        Assert.Equal(attachmentId.ToString(), record!["adoAttachmentId"]!.GetValue<string>());
        Assert.Equal("SYNCED", record["syncStatus"]!.GetValue<string>());
        Assert.Equal(Hashes.Sha256(bytes), record["sha256"]!.GetValue<string>());
        Assert.Equal(0, host.Listener.ConnectionCount);
        Assert.Empty(host.ForeignConnectionAttempts());
    }

    [Fact]
    public async Task Client_rejects_foreign_origin()
    {
        var connection = host.Sync.Service.App.Services.GetRequiredService<AdoConnection>();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{host.Listener.Port}/org/_apis/projects");

        var exception = await Assert.ThrowsAsync<AdoApiException>(() => connection.SendAsync(request, CancellationToken.None));

        Assert.Equal(AdoErrorKind.Permanent, exception.Kind);
        Assert.Null(request.Headers.Authorization);
        Assert.Equal(0, host.Listener.ConnectionCount);
        Assert.Empty(host.ForeignConnectionAttempts());
    }

    private string Url(string place) => place switch
    {
        "listener" => $"http://127.0.0.1:{host.Listener.Port}/{host.Sync.Emulator.OrganizationUrl.Segments[^1]}",
        "link-local" => "http://169.254.169.254/latest",
        _ => "https://attacker.invalid/org",
    };

    /// <summary>Uploads bytes to the emulator and links them with a relation URL on <paramref name="baseUrl"/>.</summary>
    private async Task<Guid> LinkWithForeignUrlAsync(int workItemId, byte[] bytes, string baseUrl)
    {
        using var ado = new HttpClient { BaseAddress = new Uri(host.Sync.Emulator.OrganizationUrl.AbsoluteUri.TrimEnd('/') + "/") };
        ado.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + host.Sync.Emulator.Pat)));
        var project = host.Sync.Emulator.ProjectName;
        using var upload = new ByteArrayContent(bytes);
        upload.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var created = await ado.PostAsync($"{project}/_apis/wit/attachments?fileName=foreign.txt&api-version=7.1", upload);
        created.EnsureSuccessStatusCode();
        var id = Guid.Parse((await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());

        var patch = new JsonArray(new JsonObject
        {
            ["op"] = "add",
            ["path"] = "/relations/-",
            ["value"] = new JsonObject { ["rel"] = "AttachedFile", ["url"] = $"{baseUrl}/_apis/wit/attachments/{id}" },
        });
        using var body = new StringContent(patch.ToJsonString(), Encoding.UTF8, "application/json-patch+json");
        using var patched = await ado.PatchAsync($"{project}/_apis/wit/workitems/{workItemId}?api-version=7.1", body);
        patched.EnsureSuccessStatusCode();
        return id;
    }

    private async Task WaitForJobsAsync(int workItemId) =>
        await SyncTestHost.WaitUntilAsync(async () =>
        {
            var status = await host.Client.GetFromJsonAsync<JsonObject>($"/api/sync/status/{workItemId}");
            return status!["openJobs"]!.AsArray().Count == 0 && status["pending"]!.GetValue<int>() == 0;
        }, $"work item {workItemId} has no open jobs");
}
