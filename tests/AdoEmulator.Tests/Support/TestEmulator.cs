using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace AdoEmulator.Tests.Support;

/// <summary>An emulator on a free loopback port with an authenticated HttpClient and request helpers.</summary>
internal sealed class TestEmulator : IAsyncDisposable
{
    public const string Version = "api-version=7.1";

    private TestEmulator(EmulatorHost host)
    {
        Host = host;
        Client = new HttpClient { BaseAddress = new Uri(host.OrganizationUrl + "/") };
        Client.DefaultRequestHeaders.Authorization = Basic(host.Pat);
    }

    public EmulatorHost Host { get; }

    public HttpClient Client { get; }

    public static async Task<TestEmulator> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions { Pat = "test-pat", HookRetryScale = 0.001, HookProbationScale = 0.0001 };
        configure?.Invoke(options);
        return new TestEmulator(await EmulatorHost.StartAsync(options));
    }

    public static AuthenticationHeaderValue Basic(string password, string user = "") =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public async Task<JsonObject> CreateTaskAsync(string title = "Sample task")
    {
        using var response = await PostPatchAsync("Demo/_apis/wit/workitems/$Task?" + Version,
            $$"""[{"op":"add","path":"/fields/System.Title","value":"{{title}}"}]""");
        Assert.Equal(200, (int)response.StatusCode);
        return await ReadObjectAsync(response);
    }

    public async Task<JsonObject> UploadAsync(string fileName, byte[] content)
    {
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await Client.PostAsync($"Demo/_apis/wit/attachments?fileName={fileName}&{Version}", body);
        Assert.Equal(201, (int)response.StatusCode);
        return await ReadObjectAsync(response);
    }

    public Task<HttpResponseMessage> PatchAsync(int id, string patch) =>
        SendJsonPatchAsync(HttpMethod.Patch, $"Demo/_apis/wit/workitems/{id}?{Version}", patch);

    public Task<HttpResponseMessage> PostPatchAsync(string path, string patch) =>
        SendJsonPatchAsync(HttpMethod.Post, path, patch);

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public async Task<JsonObject> AttachAsync(int id, JsonObject attachment, string? comment = null)
    {
        var value = new JsonObject { ["rel"] = "AttachedFile", ["url"] = attachment["url"]!.ToString() };
        if (comment is not null)
        {
            value["attributes"] = new JsonObject { ["comment"] = comment };
        }

        var patch = new JsonArray(new JsonObject { ["op"] = "add", ["path"] = "/relations/-", ["value"] = value });
        using var response = await PatchAsync(id, patch.ToJsonString());
        Assert.Equal(200, (int)response.StatusCode);
        return await ReadObjectAsync(response);
    }

    public static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) as JsonObject ?? throw new InvalidOperationException($"Expected a JSON object, got: {text}");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }

    private Task<HttpResponseMessage> SendJsonPatchAsync(HttpMethod method, string path, string patch)
    {
        var request = new HttpRequestMessage(method, path)
        {
            Content = new StringContent(patch, Encoding.UTF8, "application/json-patch+json"),
        };
        return Client.SendAsync(request);
    }
}
