using System.Text.Json.Nodes;
using AdoEmulator.Tests.Support;

namespace AdoEmulator.Tests;

public sealed class HookSubscriptionTests
{
    [Fact]
    public async Task Create_returns_subscription_with_server_inputs()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var created = await Subscriptions.CreateAsync(emulator, "workitem.updated", "http://127.0.0.1:9/hook",
            new JsonObject { ["basicAuthUsername"] = "sync", ["basicAuthPassword"] = "hunter2-secret" });

        Assert.Equal("enabled", created["status"]!.ToString());
        Assert.Equal("workitem.updated", created["eventType"]!.ToString());
        Assert.NotNull(created["publisherInputs"]!["hostId"]);
        Assert.NotNull(created["publisherInputs"]!["tfsSubscriptionId"]);
        Assert.Equal("********", created["consumerInputs"]!["basicAuthPassword"]!.ToString());
        Assert.DoesNotContain("hunter2-secret", created.ToJsonString());
        Assert.Equal($"{emulator.Host.OrganizationUrl}/_apis/hooks/subscriptions/{created["id"]}", created["url"]!.ToString());
    }

    [Fact]
    public async Task Get_list_and_delete_subscription()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var created = await Subscriptions.CreateAsync(emulator, "workitem.created", "http://127.0.0.1:9/hook");
        var id = created["id"]!.ToString();

        using var get = await emulator.Client.GetAsync($"_apis/hooks/subscriptions/{id}?{TestEmulator.Version}");
        Assert.Equal(id, (await TestEmulator.ReadObjectAsync(get))["id"]!.ToString());
        using var list = await emulator.Client.GetAsync($"_apis/hooks/subscriptions?{TestEmulator.Version}");
        Assert.Equal(1, (await TestEmulator.ReadObjectAsync(list))["count"]!.GetValue<int>());

        using var delete = await emulator.Client.DeleteAsync($"_apis/hooks/subscriptions/{id}?{TestEmulator.Version}");
        Assert.Equal(204, (int)delete.StatusCode);
        using var gone = await emulator.Client.GetAsync($"_apis/hooks/subscriptions/{id}?{TestEmulator.Version}");
        await AdoAssert.ErrorAsync(gone, 404, "SubscriptionNotFoundException");
    }

    [Theory]
    [InlineData("eventType=workitem.updated", 1)]
    [InlineData("eventType=workitem.updated&publisherId=tfs&consumerId=webHooks&consumerActionId=httpRequest", 1)]
    [InlineData("publisherId=tfs", 2)]
    [InlineData("eventType=workitem.deleted", 0)]
    [InlineData("consumerId=azureServiceBus", 0)]
    [InlineData("publisherId=tfs&consumerActionId=sendMessage", 0)]
    public async Task List_filters_by_query_parameters(string query, int expected)
    {
        await using var emulator = await TestEmulator.StartAsync();
        await Subscriptions.CreateAsync(emulator, "workitem.created", "http://127.0.0.1:9/hook");
        var updated = await Subscriptions.CreateAsync(emulator, "workitem.updated", "http://127.0.0.1:9/hook");

        using var list = await emulator.Client.GetAsync($"_apis/hooks/subscriptions?{query}&{TestEmulator.Version}");

        var body = await TestEmulator.ReadObjectAsync(list);
        Assert.Equal(expected, body["count"]!.GetValue<int>());
        Assert.Equal(expected, body["value"]!.AsArray().Count);
        if (expected == 1)
        {
            Assert.Equal(updated["id"]!.ToString(), body["value"]![0]!["id"]!.ToString());
        }
    }

    [Theory]
    [InlineData("build.complete", "webHooks", "http://127.0.0.1:9/hook")]
    [InlineData("workitem.created", "azureServiceBus", "http://127.0.0.1:9/hook")]
    [InlineData("workitem.created", "webHooks", "not a url")]
    [InlineData("workitem.created", "webHooks", "ftp://127.0.0.1/hook")]
    public async Task Invalid_subscription_returns_400(string eventType, string consumerId, string url)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var body = new JsonObject
        {
            ["publisherId"] = "tfs",
            ["eventType"] = eventType,
            ["consumerId"] = consumerId,
            ["consumerActionId"] = "httpRequest",
            ["consumerInputs"] = new JsonObject { ["url"] = url },
        };
        using var response = await emulator.PostJsonAsync("_apis/hooks/subscriptions?" + TestEmulator.Version, body.ToJsonString());
        await AdoAssert.ErrorAsync(response, 400, "InvalidSubscriptionException");
    }

    [Fact]
    public async Task Unknown_subscription_returns_404()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var response = await emulator.Client.DeleteAsync($"_apis/hooks/subscriptions/{Guid.NewGuid()}?{TestEmulator.Version}");
        await AdoAssert.ErrorAsync(response, 404, "SubscriptionNotFoundException");
    }
}
