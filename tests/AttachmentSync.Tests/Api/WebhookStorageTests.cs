using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AttachmentSync.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace AttachmentSync.Tests.Api;

/// <summary>
/// The webhook endpoint while the database is locked by another writer: Azure DevOps must get a 503, which it
/// retries, and the retried deliveries must be stored once the lock is gone.
/// </summary>
public sealed class WebhookStorageTests : IAsyncLifetime
{
    private readonly SyncTestHost _sync = new() { Settings = { ["Sync:AutoSyncOnWebhook"] = "false" } };

    public Task InitializeAsync() => _sync.InitializeAsync();

    public Task DisposeAsync() => _sync.DisposeAsync();

    [Fact]
    public async Task Locked_database_returns_503_then_stores()
    {
        var notificationIds = new[] { 910_001, 910_002, 910_003 };

        // A connection outside the service holds the write lock, as a backup or another process would.
        await using (var locker = new SqliteConnection($"Data Source={_sync.DatabasePath};Pooling=False"))
        {
            await locker.OpenAsync();
            await using var lockCommand = locker.CreateCommand();
            lockCommand.CommandText = "BEGIN IMMEDIATE";
            await lockCommand.ExecuteNonQueryAsync();

            var responses = await Task.WhenAll(notificationIds.Select(PostDeliveryAsync));
            foreach (var response in responses)
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                response.Dispose();
            }

            lockCommand.CommandText = "ROLLBACK";
            await lockCommand.ExecuteNonQueryAsync();
        }

        foreach (var notificationId in notificationIds)
        {
            using var retried = await PostDeliveryAsync(notificationId);
            Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
            var answer = await retried.Content.ReadFromJsonAsync<JsonObject>();
            Assert.False(answer!["duplicate"]!.GetValue<bool>());
        }

        await using var reader = new SqliteConnection($"Data Source={_sync.DatabasePath};Mode=ReadOnly;Pooling=False");
        await reader.OpenAsync();
        await using var count = reader.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM webhook_deliveries WHERE delivery_key LIKE '%:91000_'";
        Assert.Equal(3L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Delivery_stored_when_lock_clears_late()
    {
        await using var locker = new SqliteConnection($"Data Source={_sync.DatabasePath};Pooling=False");
        await locker.OpenAsync();
        await using var lockCommand = locker.CreateCommand();
        lockCommand.CommandText = "BEGIN IMMEDIATE";
        await lockCommand.ExecuteNonQueryAsync();

        // The delivery reaches SQLite's busy handler at once. The lock clears after the endpoint's store timeout
        // (5 s) but within SQLite's busy timeout (10 s), so the write completes and must not be thrown away.
        var posted = PostDeliveryAsync(920_001);
        await Task.Delay(TimeSpan.FromSeconds(7));
        lockCommand.CommandText = "ROLLBACK";
        await lockCommand.ExecuteNonQueryAsync();

        using var response = await posted;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var retried = await PostDeliveryAsync(920_001);
        var answer = await retried.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(answer!["duplicate"]!.GetValue<bool>());
    }

    private Task<HttpResponseMessage> PostDeliveryAsync(int notificationId)
    {
        var payload = JsonNode.Parse(File.ReadAllText(RepositoryFiles.Fixture("ado-samples", "webhook-workitem-updated-payload.json")))!;
        payload["notificationId"] = notificationId;
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/workitem")
        {
            Content = new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Webhook-Secret", _sync.WebhookSecret);
        return _sync.Api.SendAsync(request);
    }
}
