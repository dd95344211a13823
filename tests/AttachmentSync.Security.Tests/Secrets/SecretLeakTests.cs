using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AttachmentSync.Security.Tests.Infrastructure;
using AttachmentSync.Tests.Infrastructure;

namespace AttachmentSync.Security.Tests.Secrets;

/// <summary>
/// Runs every flow once with all logging recorded (uploads in three forms and over tus, webhook deliveries,
/// a download from Azure DevOps, a delete, a force-sync, rejected credentials), then searches the log, the
/// responses, the SQLite file and tables, the event log and the OpenAPI document for every secret.
/// </summary>
public sealed class SecretLeakTests(SecureHost host) : IClassFixture<SecureHost>
{
    [Fact]
    public void Scanner_finds_basic_credentials()
    {
        var header = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("any-user:" + host.Sync.Emulator.Pat));

        Assert.Contains(SecretForms.Of(host.Sync.Emulator.Pat), form => header.Contains(form, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Full_flow_leaks_no_secret()
    {
        var workItemId = await host.Sync.Ado.CreateWorkItemAsync("secret scan");
        await UploadAllFormsAsync(workItemId);
        await SyncTestHost.WaitUntilAsync(async () =>
            (await host.Client.GetFromJsonAsync<JsonArray>($"/api/sync/attachments/{workItemId}"))!.Count == 4,
            "the four uploads are recorded");
        await WaitForJobsAsync(workItemId);
        await host.Sync.Ado.AddAttachmentAsync(workItemId, "from-ado.txt", "added in Azure DevOps"u8.ToArray());
        using (var force = await host.Client.PostAsync($"/api/sync/force-sync/{workItemId}", null))
        {
            Assert.Equal(HttpStatusCode.OK, force.StatusCode);
        }

        await DeleteOneAsync(workItemId);
        await SendRejectedCredentialsAsync();
        await WaitForJobsAsync(workItemId);

        var leaks = await SecretScan.FindLeaksAsync(host);

        Assert.True(leaks.Count == 0, "Secrets found: " + string.Join("; ", leaks));
        Assert.Contains(host.Logs.Entries, entry => entry.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal));
        Assert.Contains(host.Logs.Entries, entry => entry.Category.Contains("JobWorker", StringComparison.Ordinal));
        Assert.True(host.Sync.Emulator.HookNotifications.Count > 0, "The emulator sent no webhook, so none was scanned.");
    }

    private async Task UploadAllFormsAsync(int workItemId)
    {
        using (var raw = await host.Client.PostAsync($"/api/sync/upload?workItemId={workItemId}&fileName=raw.txt",
                   new StringContent("raw body " + Guid.NewGuid())))
        {
            Assert.Equal(HttpStatusCode.Created, raw.StatusCode);
        }

        using (var form = new MultipartFormDataContent())
        {
            form.Add(new StringContent(workItemId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "workItemId");
            form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes("multipart " + Guid.NewGuid())), "file", "form.bin");
            using var multipart = await host.Client.PostAsync("/api/sync/upload", form);
            Assert.Equal(HttpStatusCode.Created, multipart.StatusCode);
        }

        var json = new JsonObject
        {
            ["workItemId"] = workItemId,
            ["fileName"] = "json.txt",
            ["file"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("json " + Guid.NewGuid())),
        };
        using (var jsonResponse = await host.Client.PostAsJsonAsync("/api/sync/upload", json))
        {
            Assert.Equal(HttpStatusCode.Created, jsonResponse.StatusCode);
        }

        await UploadWithTusAsync(workItemId);
    }

    private async Task UploadWithTusAsync(int workItemId)
    {
        var body = Encoding.UTF8.GetBytes("tus body " + Guid.NewGuid());
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/sync/uploads");
        create.Headers.Add("Tus-Resumable", "1.0.0");
        create.Headers.Add("Upload-Length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        create.Headers.Add("Upload-Metadata",
            $"filename {Convert.ToBase64String("tus.txt"u8.ToArray())},workItemId {Convert.ToBase64String(Encoding.UTF8.GetBytes(workItemId.ToString(System.Globalization.CultureInfo.InvariantCulture)))}");
        using var created = await host.Client.SendAsync(create);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var patch = new HttpRequestMessage(HttpMethod.Patch, created.Headers.Location) { Content = new ByteArrayContent(body) };
        patch.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        patch.Headers.Add("Tus-Resumable", "1.0.0");
        patch.Headers.Add("Upload-Offset", "0");
        using var patched = await host.Client.SendAsync(patch);
        Assert.Equal(HttpStatusCode.NoContent, patched.StatusCode);
    }

    private async Task DeleteOneAsync(int workItemId)
    {
        var list = await host.Client.GetFromJsonAsync<JsonArray>($"/api/sync/attachments/{workItemId}");
        var id = list![0]!["id"]!.GetValue<string>();
        using var deleted = await host.Client.DeleteAsync($"/api/sync/attachments/{id}");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
    }

    private async Task SendRejectedCredentialsAsync()
    {
        using var wrongKey = new HttpRequestMessage(HttpMethod.Get, "/api/sync/status/1");
        wrongKey.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.ApiKey + "x");
        using var wrongKeyResponse = await host.Anonymous.SendAsync(wrongKey);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKeyResponse.StatusCode);

        using var wrongSecret = Webhook.Request("{}", secret: host.Sync.WebhookSecret + "x");
        using var wrongSecretResponse = await host.Anonymous.SendAsync(wrongSecret);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecretResponse.StatusCode);
    }

    private async Task WaitForJobsAsync(int workItemId) =>
        await SyncTestHost.WaitUntilAsync(async () =>
        {
            var status = await host.Client.GetFromJsonAsync<JsonObject>($"/api/sync/status/{workItemId}");
            return status!["openJobs"]!.AsArray().Count == 0 && status["pending"]!.GetValue<int>() == 0;
        }, $"work item {workItemId} has no open jobs");
}
