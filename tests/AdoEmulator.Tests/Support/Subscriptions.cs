using System.Text.Json.Nodes;

namespace AdoEmulator.Tests.Support;

/// <summary>Creates service-hook subscriptions through the REST API.</summary>
internal static class Subscriptions
{
    public static async Task<JsonObject> CreateAsync(
        TestEmulator emulator, string eventType, string url, JsonObject? consumerInputs = null, JsonObject? publisherInputs = null)
    {
        consumerInputs ??= [];
        consumerInputs["url"] = url;
        publisherInputs ??= new JsonObject { ["projectId"] = emulator.Host.ProjectId.ToString() };
        var body = new JsonObject
        {
            ["publisherId"] = "tfs",
            ["eventType"] = eventType,
            ["resourceVersion"] = "1.0",
            ["consumerId"] = "webHooks",
            ["consumerActionId"] = "httpRequest",
            ["publisherInputs"] = publisherInputs,
            ["consumerInputs"] = consumerInputs,
        };
        using var response = await emulator.PostJsonAsync("_apis/hooks/subscriptions?" + TestEmulator.Version, body.ToJsonString());
        Assert.Equal(200, (int)response.StatusCode);
        return await TestEmulator.ReadObjectAsync(response);
    }

    public static async Task<string?> WaitForStatusAsync(TestEmulator emulator, Guid id, string status, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string? current;
        while ((current = emulator.Host.GetSubscriptionStatus(id)) != status && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        return current;
    }
}
