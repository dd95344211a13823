using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AttachmentSync.Tests.Infrastructure;

namespace AttachmentSync.Tests.Api;

/// <summary>
/// Bad requests get a 4xx ProblemDetails that names the field, and change nothing already stored.
/// </summary>
public sealed class BadRequestTests(BadRequestTests.Host host) : IClassFixture<BadRequestTests.Host>
{
    public sealed class Host : IAsyncLifetime
    {
        public SyncTestHost Sync { get; } = new()
        {
            Settings = { ["Sync:MaxUploadBytes"] = "65536", ["Webhook:MaxBodyBytes"] = "8192" },
        };

        public int WorkItemId { get; private set; }

        public string StoredId { get; private set; } = "";

        public Task DisposeAsync() => Sync.DisposeAsync();

        public async Task InitializeAsync()
        {
            await Sync.InitializeAsync();
            WorkItemId = await Sync.Ado.CreateWorkItemAsync("bad requests");
            using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("kept safe"));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var response = await Sync.Api.PostAsync($"/api/sync/upload?workItemId={WorkItemId}&fileName=kept.txt", content);
            response.EnsureSuccessStatusCode();
            StoredId = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        }
    }

    private SyncTestHost Sync => host.Sync;

    [Fact]
    public async Task Invalid_base64_is_rejected()
    {
        var body = $$"""{"fileName":"x.txt","workItemId":{{host.WorkItemId}},"file":"QUJD*A=="}""";

        await AssertProblemAsync(await PostJsonAsync(body), HttpStatusCode.BadRequest, "file");
    }

    [Fact]
    public async Task Json_upload_round_trips()
    {
        var bytes = Encoding.UTF8.GetBytes("json form " + Guid.NewGuid());
        var body = $$"""{"fileName":"json.txt","workItemId":{{host.WorkItemId}},"file":"{{Convert.ToBase64String(bytes)}}"}""";

        using var response = await PostJsonAsync(body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var record = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(Hashes.Sha256(bytes), record!["sha256"]!.GetValue<string>());
        Assert.Equal("json.txt", record["fileName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Missing_work_item_id_is_rejected()
    {
        var body = $$"""{"fileName":"x.txt","file":"QUJD"}""";

        await AssertProblemAsync(await PostJsonAsync(body), HttpStatusCode.BadRequest, "workItemId");
    }

    [Fact]
    public async Task Missing_work_item_id_in_query_is_rejected()
    {
        using var content = new ByteArrayContent([1, 2, 3]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        await AssertProblemAsync(await Sync.Api.PostAsync("/api/sync/upload?fileName=a.bin", content),
            HttpStatusCode.BadRequest, "workItemId");
    }

    [Fact]
    public async Task Unknown_work_item_is_not_found()
    {
        var body = $$"""{"fileName":"x.txt","workItemId":987654,"file":"QUJD"}""";

        using var response = await PostJsonAsync(body);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains("987654", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_over_limit_is_too_large()
    {
        using var content = new ByteArrayContent(new byte[65537]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        using var response = await Sync.Api.PostAsync($"/api/sync/upload?workItemId={host.WorkItemId}&fileName=big.bin", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains("65536", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_webhook_secret_is_unauthorized()
    {
        using var request = WebhookRequest(CreatedSample(), secretHeader: null);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes("azure-devops:" + "wrong-" + Sync.WebhookSecret)));

        await AssertProblemAsync(await Sync.Api.SendAsync(request), HttpStatusCode.Unauthorized, null);
    }

    [Fact]
    public async Task Webhook_secret_header_is_accepted()
    {
        using var request = WebhookRequest(CreatedSample(), Sync.WebhookSecret);

        using var response = await Sync.Api.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Webhook_over_limit_is_too_large()
    {
        var body = "{\"eventType\":\"workitem.updated\",\"pad\":\"" + new string('a', 9000) + "\"}";
        using var request = WebhookRequest(body, Sync.WebhookSecret);

        await AssertProblemAsync(await Sync.Api.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, null);
    }

    [Fact]
    public async Task Webhook_without_work_item_is_rejected()
    {
        using var request = WebhookRequest("""{"eventType":"workitem.updated","resource":{"workItemId":0}}""", Sync.WebhookSecret);

        await AssertProblemAsync(await Sync.Api.SendAsync(request), HttpStatusCode.BadRequest, "resource.workItemId");
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("{\"eventType\":\"workitem.created\"}")]
    public async Task Malformed_webhook_is_rejected(string body)
    {
        using var request = WebhookRequest(body, Sync.WebhookSecret);

        await AssertProblemAsync(await Sync.Api.SendAsync(request), HttpStatusCode.BadRequest, null);
    }

    [Fact]
    public async Task Bad_sha256_lookup_is_rejected()
    {
        await AssertProblemAsync(await Sync.Api.GetAsync("/api/sync/deduplication/not-a-hash"), HttpStatusCode.BadRequest, "sha256");
    }

    [Fact]
    public async Task Unknown_attachment_content_is_not_found()
    {
        await AssertProblemAsync(await Sync.Api.GetAsync($"/api/sync/attachments/{Guid.NewGuid()}/content"), HttpStatusCode.NotFound, null);
    }

    private static string CreatedSample() =>
        File.ReadAllText(RepositoryFiles.Fixture("ado-samples", "webhook-workitem-created-payload.json"));

    private static HttpRequestMessage WebhookRequest(string body, string? secretHeader)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/workitem")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (secretHeader is not null)
        {
            request.Headers.Add("X-Webhook-Secret", secretHeader);
        }

        return request;
    }

    private Task<HttpResponseMessage> PostJsonAsync(string body) =>
        Sync.Api.PostAsync("/api/sync/upload", new StringContent(body, Encoding.UTF8, "application/json"));

    /// <summary>Checks the status and ProblemDetails body, then that the record stored at start is intact.</summary>
    private async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field)
    {
        using (response)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
            Assert.Equal((int)status, problem!["status"]!.GetValue<int>());
            Assert.False(string.IsNullOrEmpty(problem["detail"]?.GetValue<string>()));
            if (field is not null)
            {
                Assert.Equal(field, problem["field"]?.GetValue<string>());
            }
        }

        using var kept = await Sync.Api.GetAsync($"/api/sync/attachments/{host.StoredId}/content");
        Assert.Equal("kept safe", await kept.Content.ReadAsStringAsync());
        var list = await Sync.Api.GetFromJsonAsync<JsonArray>($"/api/sync/attachments/{host.WorkItemId}");
        Assert.Contains(list!.OfType<JsonObject>(), item => item["id"]!.GetValue<string>() == host.StoredId);
    }
}
