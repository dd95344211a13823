using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AdoEmulator.Faults;
using AdoEmulator.Tests.Support;

namespace AdoEmulator.Tests;

public sealed class FaultTests
{
    [Fact]
    public async Task Rate_limit_returns_429_with_headers()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await AddAsync(emulator, new JsonObject { ["kind"] = "rateLimit", ["route"] = "workitems.get", ["retryAfterSeconds"] = 7 });
        await emulator.CreateTaskAsync();
        using var response = await emulator.Client.GetAsync("_apis/wit/workitems/1?" + TestEmulator.Version);

        await AdoAssert.ErrorAsync(response, 429, "RequestBlockedException");
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter!.Delta);
        Assert.Equal("WorkItemTracking", Header(response, "X-RateLimit-Resource"));
        Assert.Equal("0", Header(response, "X-RateLimit-Remaining"));
        Assert.NotNull(Header(response, "X-RateLimit-Limit"));
        Assert.NotNull(Header(response, "X-RateLimit-Reset"));
    }

    [Fact]
    public async Task Rate_limit_headers_on_success()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await AddAsync(emulator, new JsonObject { ["kind"] = "rateLimitHeaders", ["delayMs"] = 50 });
        await emulator.CreateTaskAsync();
        using var response = await emulator.Client.GetAsync("_apis/wit/workitems/1?" + TestEmulator.Version);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("0.050", Header(response, "X-RateLimit-Delay"));
        Assert.NotNull(Header(response, "X-RateLimit-Limit"));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Status_fault_returns_that_status(int status)
    {
        await using var emulator = await TestEmulator.StartAsync();
        await AddAsync(emulator, new JsonObject { ["kind"] = "status", ["statusCode"] = status, ["method"] = "GET" });
        using var response = await emulator.Client.GetAsync("_apis/wit/workitems/1?" + TestEmulator.Version);
        await AdoAssert.ErrorAsync(response, status, "VssServiceException");
    }

    [Fact]
    public async Task Bad_gateway_html_body()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await AddAsync(emulator, new JsonObject { ["kind"] = "badGatewayHtml" });
        using var response = await emulator.Client.GetAsync("_apis/wit/workitems/1?" + TestEmulator.Version);
        Assert.Equal(502, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<html>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Sign_in_page_replaces_download()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var reference = await emulator.UploadAsync("f.bin", [1, 2, 3]);
        await AddAsync(emulator, new JsonObject { ["kind"] = "signInPage", ["route"] = "attachments.get" });
        using var response = await emulator.Client.GetAsync($"_apis/wit/attachments/{reference["id"]}?{TestEmulator.Version}");
        Assert.Equal(203, (int)response.StatusCode);
        Assert.Contains("Sign in", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Latency_delays_the_answer()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await AddAsync(emulator, new JsonObject { ["kind"] = "latency", ["delayMs"] = 400 });
        var started = DateTime.UtcNow;
        using var response = await emulator.Client.GetAsync("_apis/ResourceAreas");
        Assert.Equal(200, (int)response.StatusCode);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(380));
    }

    [Fact]
    public async Task Reset_aborts_download_mid_body()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var reference = await emulator.UploadAsync("big.bin", new byte[500_000]);
        await AddAsync(emulator, new JsonObject { ["kind"] = "reset", ["route"] = "attachments.get", ["bytesBeforeReset"] = 100_000 });
        using var response = await emulator.Client.GetAsync(
            $"_apis/wit/attachments/{reference["id"]}?{TestEmulator.Version}", HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[65536];
        long total = 0;
        var failure = await Record.ExceptionAsync(async () =>
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                total += read;
            }
        });
        Assert.NotNull(failure);
        Assert.True(total <= 100_000, $"read {total} bytes past the reset point");
    }

    [Fact]
    public async Task Timeout_never_answers()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await AddAsync(emulator, new JsonObject { ["kind"] = "timeout", ["route"] = "workitems.get" });
        using var client = new HttpClient { BaseAddress = emulator.Client.BaseAddress, Timeout = TimeSpan.FromMilliseconds(500) };
        client.DefaultRequestHeaders.Authorization = emulator.Client.DefaultRequestHeaders.Authorization;
        await Assert.ThrowsAsync<TaskCanceledException>(() => client.GetAsync("_apis/wit/workitems/1?" + TestEmulator.Version));
    }

    [Fact]
    public async Task Conflict_forces_409_on_patch()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateTaskAsync();
        await AddAsync(emulator, new JsonObject { ["kind"] = "conflict", ["method"] = "PATCH", ["count"] = 1 });
        using var first = await emulator.PatchAsync(1, """[{"op":"add","path":"/fields/System.Title","value":"a"}]""");
        using var second = await emulator.PatchAsync(1, """[{"op":"add","path":"/fields/System.Title","value":"b"}]""");
        var body = await AdoAssert.ErrorAsync(first, 409, "WorkItemRevisionMismatchException");
        Assert.StartsWith("TF26071", body["message"]!.ToString());
        Assert.Equal(200, (int)second.StatusCode);
    }

    [Fact]
    public async Task Probability_is_deterministic_by_seed()
    {
        async Task<List<int>> RunAsync()
        {
            await using var emulator = await TestEmulator.StartAsync();
            await AddAsync(emulator, new JsonObject { ["kind"] = "status", ["statusCode"] = 503, ["probability"] = 0.5, ["seed"] = 42 });
            var statuses = new List<int>();
            for (var i = 0; i < 20; i++)
            {
                using var response = await emulator.Client.GetAsync("_apis/ResourceAreas");
                statuses.Add((int)response.StatusCode);
            }

            return statuses;
        }

        var first = await RunAsync();
        var second = await RunAsync();
        Assert.Equal(first, second);
        Assert.Contains(503, first);
        Assert.Contains(200, first);
    }

    [Fact]
    public async Task Path_pattern_and_clear()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await AddAsync(emulator, new JsonObject { ["kind"] = "status", ["statusCode"] = 500, ["route"] = "/emulator/*/_apis/wit/attachments/**" });
        var reference = await emulator.UploadAsync("a.bin", [1]);
        using var faulted = await emulator.Client.GetAsync($"Demo/_apis/wit/attachments/{reference["id"]}?{TestEmulator.Version}");
        Assert.Equal(500, (int)faulted.StatusCode);
        using var other = await emulator.Client.GetAsync($"_apis/wit/attachments/{reference["id"]}?{TestEmulator.Version}");
        Assert.Equal(200, (int)other.StatusCode);

        using var clear = await emulator.Client.DeleteAsync("/_emulator/faults");
        Assert.Equal(204, (int)clear.StatusCode);
        using var after = await emulator.Client.GetAsync($"Demo/_apis/wit/attachments/{reference["id"]}?{TestEmulator.Version}");
        Assert.Equal(200, (int)after.StatusCode);
    }

    [Fact]
    public async Task Admin_api_accepts_admin_key_and_rejects_others()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.AdminKey = "admin-key");
        using var client = new HttpClient { BaseAddress = emulator.Host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = TestEmulator.Basic("admin-key");
        using var allowed = await client.GetAsync("_emulator/faults");
        Assert.Equal(200, (int)allowed.StatusCode);
        using var notOnAdo = await client.GetAsync("emulator/_apis/ResourceAreas");
        Assert.Equal(401, (int)notOnAdo.StatusCode);
        client.DefaultRequestHeaders.Authorization = TestEmulator.Basic("nope");
        using var denied = await client.GetAsync("_emulator/faults");
        Assert.Equal(401, (int)denied.StatusCode);
    }

    [Fact]
    public async Task Invalid_fault_kind_returns_400()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var response = await emulator.PostJsonAsync("/_emulator/faults", """{"kind":"meteor"}""");
        await AdoAssert.ErrorAsync(response, 400, "ArgumentException");
    }

    [Theory]
    [InlineData(FaultKind.HookDrop, 0)]
    [InlineData(FaultKind.HookDuplicate, 2)]
    [InlineData(FaultKind.HookDelay, 1)]
    public async Task Hook_faults_change_delivery_count(FaultKind kind, int expected)
    {
        await using var receiver = await HookReceiver.StartAsync();
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Host.Faults.Add(new FaultRule { Kind = kind, DelayMs = 100, Count = 1 });
        await Subscriptions.CreateAsync(emulator, "workitem.created", receiver.Url);
        await emulator.CreateTaskAsync();
        await receiver.WaitForAsync(Math.Max(expected, 1), TimeSpan.FromSeconds(1));
        await Task.Delay(200);
        Assert.Equal(expected, receiver.Received.Count);
    }

    [Fact]
    public async Task Hook_reorder_lets_later_event_overtake()
    {
        await using var receiver = await HookReceiver.StartAsync();
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Host.Faults.Add(new FaultRule { Kind = FaultKind.HookReorder, DelayMs = 300, Count = 1 });
        await Subscriptions.CreateAsync(emulator, "workitem.created", receiver.Url);
        await emulator.CreateTaskAsync("first");
        await emulator.CreateTaskAsync("second");
        var received = await receiver.WaitForAsync(2);
        Assert.Equal([2, 1], received.Select(r => r.Body["resource"]!["id"]!.GetValue<int>()));
    }

    private static async Task AddAsync(TestEmulator emulator, JsonObject rule)
    {
        using var response = await emulator.PostJsonAsync("/_emulator/faults", rule.ToJsonString());
        Assert.Equal(201, (int)response.StatusCode);
        var stored = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.NotNull(stored!["id"]);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.First() : null;
}
