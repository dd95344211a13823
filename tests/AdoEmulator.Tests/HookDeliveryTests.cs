using System.Text;
using System.Text.Json.Nodes;
using AdoEmulator.Tests.Support;

namespace AdoEmulator.Tests;

public sealed class HookDeliveryTests
{
    [Fact]
    public async Task Created_event_is_delivered_with_envelope()
    {
        await using var receiver = await HookReceiver.StartAsync();
        await using var emulator = await TestEmulator.StartAsync();
        var subscription = await Subscriptions.CreateAsync(emulator, "workitem.created", receiver.Url);
        await emulator.CreateTaskAsync("hooked");

        var hook = Assert.Single(await receiver.WaitForAsync(1)).Body;
        Assert.Equal(subscription["id"]!.ToString(), hook["subscriptionId"]!.ToString());
        Assert.Equal(1, hook["notificationId"]!.GetValue<int>());
        Assert.Equal("workitem.created", hook["eventType"]!.ToString());
        Assert.Equal("tfs", hook["publisherId"]!.ToString());
        Assert.Equal("1.0", hook["resourceVersion"]!.ToString());
        Assert.Equal(1, hook["resource"]!["id"]!.GetValue<int>());
        Assert.Equal("hooked", hook["resource"]!["fields"]!["System.Title"]!.ToString());
        Assert.Equal("Emulator User <emulator.user@example.com>", hook["resource"]!["fields"]!["System.CreatedBy"]!.ToString());
        Assert.Equal(emulator.Host.ProjectId.ToString(), hook["resourceContainers"]!["project"]!["id"]!.ToString());
        Assert.Equal(emulator.Host.OrganizationUrl + "/", hook["resourceContainers"]!["project"]!["baseUrl"]!.ToString());
        Assert.Contains("created by Emulator User", hook["message"]!["text"]!.ToString());
    }

    [Fact]
    public async Task Updated_event_carries_update_and_revision()
    {
        await using var receiver = await HookReceiver.StartAsync();
        await using var emulator = await TestEmulator.StartAsync();
        await Subscriptions.CreateAsync(emulator, "workitem.updated", receiver.Url);
        await emulator.CreateTaskAsync();
        await emulator.AttachAsync(1, await emulator.UploadAsync("a.txt", [1, 2, 3]), "first file");

        var resource = Assert.Single(await receiver.WaitForAsync(1)).Body["resource"]!;
        Assert.Equal(1, resource["workItemId"]!.GetValue<int>());
        Assert.Equal(2, resource["rev"]!.GetValue<int>());
        Assert.Equal(1, resource["fields"]!["System.Rev"]!["oldValue"]!.GetValue<int>());
        Assert.Equal(2, resource["fields"]!["System.Rev"]!["newValue"]!.GetValue<int>());
        Assert.Equal("a.txt", resource["relations"]!["added"]![0]!["attributes"]!["name"]!.ToString());
        Assert.Equal(1, resource["revision"]!["id"]!.GetValue<int>());
        Assert.Equal(2, resource["revision"]!["rev"]!.GetValue<int>());
        Assert.Single(resource["revision"]!["relations"]!.AsArray());
    }

    [Fact]
    public async Task Deleted_event_points_at_recycle_bin()
    {
        await using var receiver = await HookReceiver.StartAsync();
        await using var emulator = await TestEmulator.StartAsync();
        await Subscriptions.CreateAsync(emulator, "workitem.deleted", receiver.Url);
        await emulator.CreateTaskAsync();
        using var delete = await emulator.Client.DeleteAsync("Demo/_apis/wit/workitems/1?" + TestEmulator.Version);

        var resource = Assert.Single(await receiver.WaitForAsync(1)).Body["resource"]!;
        Assert.Equal(1, resource["id"]!.GetValue<int>());
        Assert.EndsWith("/_apis/wit/recyclebin/1", resource["url"]!.ToString());
    }

    [Fact]
    public async Task Headers_and_basic_auth_are_sent()
    {
        await using var receiver = await HookReceiver.StartAsync();
        await using var emulator = await TestEmulator.StartAsync();
        await Subscriptions.CreateAsync(emulator, "workitem.created", receiver.Url, new JsonObject
        {
            ["httpHeaders"] = "X-Sync-Secret:abc123\nX-Other: two",
            ["basicAuthUsername"] = "sync",
            ["basicAuthPassword"] = "pw",
        });
        await emulator.CreateTaskAsync();

        var headers = Assert.Single(await receiver.WaitForAsync(1)).Headers;
        Assert.Equal("abc123", headers["X-Sync-Secret"]);
        Assert.Equal("two", headers["X-Other"]);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("sync:pw")), headers["Authorization"]);
    }

    [Fact]
    public async Task Filters_by_work_item_type_and_changed_fields()
    {
        await using var receiver = await HookReceiver.StartAsync();
        await using var emulator = await TestEmulator.StartAsync();
        await Subscriptions.CreateAsync(emulator, "workitem.updated", receiver.Url, publisherInputs: new JsonObject
        {
            ["workItemType"] = "Task",
            ["changedFields"] = "System.State",
        });
        await emulator.CreateTaskAsync();
        using var title = await emulator.PatchAsync(1, """[{"op":"replace","path":"/fields/System.Title","value":"t"}]""");
        using var state = await emulator.PatchAsync(1, """[{"op":"replace","path":"/fields/System.State","value":"Active"}]""");

        await receiver.WaitForAsync(2, TimeSpan.FromSeconds(2));
        var hook = Assert.Single(receiver.Received);
        Assert.Equal(3, hook.Body["resource"]!["rev"]!.GetValue<int>());
    }

    [Fact]
    public async Task Minimal_details_and_no_messages()
    {
        await using var receiver = await HookReceiver.StartAsync();
        await using var emulator = await TestEmulator.StartAsync();
        await Subscriptions.CreateAsync(emulator, "workitem.created", receiver.Url, new JsonObject
        {
            ["resourceDetailsToSend"] = "minimal",
            ["messagesToSend"] = "none",
        });
        await emulator.CreateTaskAsync();
        var hook = Assert.Single(await receiver.WaitForAsync(1)).Body;
        Assert.Null(hook["message"]);
        Assert.Null(hook["resource"]!["fields"]);
        Assert.Equal(1, hook["resource"]!["id"]!.GetValue<int>());
    }

    [Fact]
    public async Task Transient_failures_are_retried_until_success()
    {
        await using var receiver = await HookReceiver.StartAsync();
        receiver.Respond(503, 502, 504, 408);
        await using var emulator = await TestEmulator.StartAsync();
        var subscription = await Subscriptions.CreateAsync(emulator, "workitem.created", receiver.Url);
        await emulator.CreateTaskAsync();

        var received = await receiver.WaitForAsync(5);
        Assert.Equal(5, received.Count);
        Assert.All(received, r => Assert.Equal(received[0].Body["id"]!.ToString(), r.Body["id"]!.ToString()));
        Assert.Equal("enabled", emulator.Host.GetSubscriptionStatus(Guid.Parse(subscription["id"]!.ToString())));
        var notification = Assert.Single(emulator.Host.HookNotifications);
        await WaitUntilAsync(() => notification.Result == "succeeded");
        Assert.Equal([503, 502, 504, 408, 200], notification.Attempts.Select(a => a.StatusCode));
    }

    [Fact]
    public async Task Transient_schedule_is_eight_retries_then_probation()
    {
        await using var receiver = await HookReceiver.StartAsync();
        receiver.Respond(Enumerable.Repeat(503, 9).ToArray());
        await using var emulator = await TestEmulator.StartAsync(o =>
        {
            o.HookRetryScale = 0.01;
            o.HookProbationScale = 1.0;
        });
        var subscription = await Subscriptions.CreateAsync(emulator, "workitem.created", receiver.Url);
        var id = Guid.Parse(subscription["id"]!.ToString());
        await emulator.CreateTaskAsync();

        Assert.Equal("onProbation", await Subscriptions.WaitForStatusAsync(emulator, id, "onProbation", TimeSpan.FromSeconds(10)));
        Assert.Equal(9, receiver.Received.Count);
        var attempts = emulator.Host.HookNotifications.Single().Attempts;
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => (b.SentAt - a.SentAt).TotalMilliseconds).ToList();
        double[] expected = [10, 20, 40, 80, 160, 320, 600, 600];
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(gaps[i] >= expected[i] * 0.9, $"retry {i + 1} waited {gaps[i]:F0} ms, expected about {expected[i]} ms");
        }
    }

    [Fact]
    public async Task Enduring_failure_goes_to_probation_then_disabled()
    {
        await using var receiver = await HookReceiver.StartAsync();
        receiver.Respond(Enumerable.Repeat(500, 8).ToArray());
        await using var emulator = await TestEmulator.StartAsync(o => o.HookProbationScale = 0.00001);
        var subscription = await Subscriptions.CreateAsync(emulator, "workitem.created", receiver.Url);
        var id = Guid.Parse(subscription["id"]!.ToString());
        await emulator.CreateTaskAsync();

        Assert.Equal("disabledBySystem", await Subscriptions.WaitForStatusAsync(emulator, id, "disabledBySystem", TimeSpan.FromSeconds(10)));
        Assert.Equal(8, receiver.Received.Count);
        using var get = await emulator.Client.GetAsync($"_apis/hooks/subscriptions/{id}?{TestEmulator.Version}");
        var body = await TestEmulator.ReadObjectAsync(get);
        Assert.Equal("disabledBySystem", body["status"]!.ToString());
        Assert.Equal(7, body["probationRetries"]!.GetValue<int>());

        await emulator.CreateTaskAsync("not delivered");
        await Task.Delay(300);
        Assert.Equal(8, receiver.Received.Count);
    }

    [Fact]
    public async Task One_success_on_probation_restores_enabled()
    {
        await using var receiver = await HookReceiver.StartAsync();
        receiver.Respond(404, 500);
        await using var emulator = await TestEmulator.StartAsync(o => o.HookProbationScale = 0.00001);
        var subscription = await Subscriptions.CreateAsync(emulator, "workitem.created", receiver.Url);
        var id = Guid.Parse(subscription["id"]!.ToString());
        await emulator.CreateTaskAsync();

        await receiver.WaitForAsync(3);
        Assert.Equal("enabled", await Subscriptions.WaitForStatusAsync(emulator, id, "enabled", TimeSpan.FromSeconds(5)));
        Assert.Equal(3, receiver.Received.Count);
    }

    [Fact]
    public async Task Gone_disables_subscription_at_once()
    {
        await using var receiver = await HookReceiver.StartAsync();
        receiver.Respond(410);
        await using var emulator = await TestEmulator.StartAsync();
        var subscription = await Subscriptions.CreateAsync(emulator, "workitem.created", receiver.Url);
        var id = Guid.Parse(subscription["id"]!.ToString());
        await emulator.CreateTaskAsync();

        Assert.Equal("disabledBySystem", await Subscriptions.WaitForStatusAsync(emulator, id, "disabledBySystem", TimeSpan.FromSeconds(5)));
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task Delivery_does_not_block_the_request()
    {
        await using var receiver = await HookReceiver.StartAsync();
        receiver.Respond(503, 503, 503);
        await using var emulator = await TestEmulator.StartAsync(o => o.HookRetryScale = 0.2);
        await Subscriptions.CreateAsync(emulator, "workitem.created", receiver.Url);
        var started = DateTime.UtcNow;
        await emulator.CreateTaskAsync();
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(1), "create waited for the hook delivery");
        Assert.Equal(4, (await receiver.WaitForAsync(4)).Count);
    }

    [Fact]
    public async Task Notifications_route_lists_deliveries()
    {
        await using var receiver = await HookReceiver.StartAsync();
        await using var emulator = await TestEmulator.StartAsync();
        var subscription = await Subscriptions.CreateAsync(emulator, "workitem.created", receiver.Url);
        await emulator.CreateTaskAsync();
        await receiver.WaitForAsync(1);
        await WaitUntilAsync(() => emulator.Host.HookNotifications.All(n => n.Result == "succeeded"));

        using var response = await emulator.Client.GetAsync($"_apis/hooks/subscriptions/{subscription["id"]}/notifications?{TestEmulator.Version}");
        var notification = (await TestEmulator.ReadObjectAsync(response))["value"]![0]!;
        Assert.Equal("succeeded", notification["result"]!.ToString());
        Assert.Equal("workitem.created", notification["eventType"]!.ToString());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }
}
