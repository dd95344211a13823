using System.Text.Json.Nodes;

namespace AdoEmulator.Tests.Support;

/// <summary>Assertions on Azure DevOps error responses.</summary>
internal static class AdoAssert
{
    public static async Task<JsonObject> ErrorAsync(HttpResponseMessage response, int status, string typeKey)
    {
        var body = await TestEmulator.ReadObjectAsync(response);
        Assert.True(status == (int)response.StatusCode, $"expected status {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(typeKey, body["typeKey"]?.ToString());
        Assert.Equal("1", body["$id"]?.ToString());
        Assert.True(body.ContainsKey("innerException"), "envelope lacks innerException");
        Assert.Equal(0, body["errorCode"]?.GetValue<int>());
        Assert.NotNull(body["eventId"]);
        Assert.False(string.IsNullOrEmpty(body["message"]?.ToString()), "envelope lacks a message");
        Assert.EndsWith(typeKey + ", " + body["typeName"]!.ToString().Split(", ")[1], body["typeName"]!.ToString());
        return body;
    }
}
