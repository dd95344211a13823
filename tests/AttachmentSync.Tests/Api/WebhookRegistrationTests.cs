using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AttachmentSync.Server.Webhooks;
using AttachmentSync.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;

namespace AttachmentSync.Tests.Api;

/// <summary>
/// With <c>Webhook:PublicUrl</c> set, the service subscribes its own webhook endpoint to the emulator's work-item
/// events at start-up and records the subscriptions in SQLite.
/// </summary>
public sealed class WebhookRegistrationTests : IAsyncLifetime
{
    private static readonly string[] EventTypes = ["workitem.created", "workitem.deleted", "workitem.updated"];

    private readonly SyncTestHost _sync = new() { RegisterWebhooksAtStart = true };

    public async Task InitializeAsync()
    {
        await _sync.InitializeAsync();
        await RegistrationAsync(_sync);
    }

    public Task DisposeAsync() => _sync.DisposeAsync();

    [Fact]
    public async Task Start_creates_three_subscriptions()
    {
        var subscriptions = await _sync.Ado.ListSubscriptionsAsync();

        Assert.Equal(EventTypes, subscriptions.Select(s => s["eventType"]!.GetValue<string>()).Order());
        foreach (var subscription in subscriptions)
        {
            Assert.Equal(_sync.WebhookUrl.AbsoluteUri, subscription["consumerInputs"]!["url"]!.GetValue<string>());
            Assert.Equal(_sync.Emulator.ProjectId.ToString(), subscription["publisherInputs"]!["projectId"]!.GetValue<string>());
            Assert.Equal("all", subscription["consumerInputs"]!["resourceDetailsToSend"]!.GetValue<string>());
            Assert.Equal("enabled", subscription["status"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Start_records_subscriptions_in_database()
    {
        var subscriptions = await _sync.Ado.ListSubscriptionsAsync();
        var rows = await ReadRowsAsync();

        Assert.Equal(3, rows.Count);
        Assert.Equal(
            subscriptions.Select(s => s["id"]!.GetValue<string>()).Order(),
            rows.Select(row => row.SubscriptionId).Order());
        Assert.Equal(EventTypes, rows.Select(row => row.EventType).Order());
        Assert.All(rows, row => Assert.Equal(_sync.WebhookUrl.AbsoluteUri, row.CallbackUrl));
        Assert.All(rows, row => Assert.Equal(1L, row.IsActive));
    }

    [Fact]
    public async Task Database_files_contain_no_secret()
    {
        var secret = Encoding.UTF8.GetBytes(_sync.WebhookSecret);
        var directory = Path.GetDirectoryName(_sync.DatabasePath)!;

        foreach (var path in Directory.GetFiles(directory, Path.GetFileName(_sync.DatabasePath) + "*"))
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer);
            Assert.True(buffer.ToArray().AsSpan().IndexOf(secret) < 0, $"{path} contains the webhook secret");
        }
    }

    [Fact]
    public async Task Restart_creates_no_duplicates()
    {
        var before = (await _sync.Ado.ListSubscriptionsAsync()).Select(s => s["id"]!.GetValue<string>()).Order().ToList();
        var createsBefore = _sync.Emulator.Counters.Count("POST", "hooks.subscriptions.create");

        await _sync.RestartServiceAsync();
        await RegistrationAsync(_sync);

        var after = (await _sync.Ado.ListSubscriptionsAsync()).Select(s => s["id"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(before, after);
        Assert.Equal(createsBefore, _sync.Emulator.Counters.Count("POST", "hooks.subscriptions.create"));
        Assert.Equal(3, (await ReadRowsAsync()).Count);
    }

    [Fact]
    public async Task Ado_attachment_arrives_through_hook()
    {
        var subscriptionIds = (await _sync.Ado.ListSubscriptionsAsync()).Select(s => Guid.Parse(s["id"]!.GetValue<string>())).ToHashSet();
        var workItemId = await _sync.Ado.CreateWorkItemAsync("registered hook");
        var bytes = Encoding.UTF8.GetBytes("added in Azure DevOps after start-up");

        var adoId = await _sync.Ado.AddAttachmentAsync(workItemId, "from-ado.txt", bytes);

        await SyncTestHost.WaitUntilAsync(async () =>
        {
            var list = await _sync.Api.GetFromJsonAsync<JsonArray>($"/api/sync/attachments/{workItemId}");
            return list!.OfType<JsonObject>().Any(item =>
                item["adoAttachmentId"]?.GetValue<string>() == adoId.ToString()
                && item["syncStatus"]!.GetValue<string>() == "SYNCED");
        }, $"the attachment added in Azure DevOps to work item {workItemId} is synced");
        var delivered = _sync.Emulator.HookNotifications
            .Where(n => n.WorkItemId == workItemId && n.EventType == "workitem.updated" && n.Result == "succeeded")
            .ToList();
        Assert.NotEmpty(delivered);
        Assert.All(delivered, n => Assert.Contains(n.SubscriptionId, subscriptionIds));
    }

    /// <summary>Returns the start-up registration, which runs beside start-up, so tests can wait for it.</summary>
    internal static Task RegistrationAsync(SyncTestHost sync) =>
        sync.Service.App.Services.GetServices<IHostedService>().OfType<WebhookRegistrationService>().Single().ExecuteTask!;

    private async Task<List<(string SubscriptionId, string EventType, string CallbackUrl, long IsActive)>> ReadRowsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_sync.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT subscription_id, event_type, callback_url, is_active FROM webhook_subscriptions";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string, string, long)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
        }

        return rows;
    }
}
