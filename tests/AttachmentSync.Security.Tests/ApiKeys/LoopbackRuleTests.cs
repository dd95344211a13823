using AttachmentSync.Security.Tests.Infrastructure;
using AttachmentSync.Server;
using AttachmentSync.Server.Configuration;
using AttachmentSync.Server.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Configuration;

namespace AttachmentSync.Security.Tests.ApiKeys;

/// <summary>
/// Without API keys the service must listen on loopback only. The tests that name other addresses replace
/// the server with one that opens no socket, so nothing ever listens beyond loopback.
/// </summary>
public sealed class LoopbackRuleTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "attachment-sync-security", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("urls", "http://0.0.0.0:5080")]
    [InlineData("urls", "http://127.0.0.1:5080;http://[::]:5081")]
    [InlineData("urls", "http://*:5080")]
    [InlineData("urls", "http://+:5080")]
    [InlineData("urls", "http://build-server.example:5080")]
    [InlineData("http_ports", "8080")]
    [InlineData("Kestrel:Endpoints:Public:Url", "http://192.168.0.10:5080")]
    public async Task Public_address_without_keys_fails_startup(string key, string value)
    {
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            StartAsync(new() { [key] = value }, new NonBindingServer()));

        Assert.Contains(ApiKeyStore.ConfigurationKey, exception.Message, StringComparison.Ordinal);
        Assert.Contains(ApiKeyStore.EnvironmentVariable, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Public_address_bound_in_code_stops_service()
    {
        var logs = new RecordingLoggerProvider();
        var server = new NonBindingServer { ExtraAddress = "http://0.0.0.0:5080" };

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            StartAsync(new() { ["urls"] = "http://127.0.0.1:5080" }, server, logs));

        Assert.Contains("0.0.0.0", exception.Message, StringComparison.Ordinal);
        Assert.Contains(logs.Entries, entry => entry.EventId.Id == 502);
    }

    [Fact]
    public async Task Public_address_with_keys_starts()
    {
        var logs = new RecordingLoggerProvider();
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = "http://0.0.0.0:5080",
            ["Security:ApiKeys"] = "first-key-0123456789abcdef0123, second-key-0123456789abcdef012",
        };

        await using var service = await StartAsync(settings, new NonBindingServer(), logs);

        var entry = Assert.Single(logs.Entries, entry => entry.EventId.Id == 501);
        Assert.Contains("2 key", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loopback_without_keys_starts_and_says_so()
    {
        var logs = new RecordingLoggerProvider();

        await using var service = await StartAsync(new() { ["urls"] = "http://127.0.0.1:0" }, server: null, logs);

        var entry = Assert.Single(logs.Entries, entry => entry.EventId.Id == 500);
        Assert.Contains("loopback only", entry.Message, StringComparison.Ordinal);
        using var client = new HttpClient { BaseAddress = service.BaseAddress };
        using var response = await client.GetAsync("/api/sync/status/1");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Short_key_fails_startup_without_echo()
    {
        const string key = "short-key-123";

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            StartAsync(new() { ["urls"] = "http://127.0.0.1:0", ["Security:ApiKeys:0"] = key }, new NonBindingServer()));

        Assert.Contains(ApiKeyStore.ConfigurationKey, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Environment_variable_keys_split_at_commas()
    {
        var configuration = new ConfigurationManager();
        var variables = new Dictionary<string, string>
        {
            ["ATTACHMENT_API_KEYS"] = " first-key-0123456789abcdef0123 ,second-key-0123456789abcdef012,",
        };
        LegacyEnvironmentVariables.AddTo(configuration, name => variables.GetValueOrDefault(name));

        var keys = ApiKeyStore.FromConfiguration(configuration);

        Assert.Equal(2, keys.Count);
        Assert.True(keys.IsValid("first-key-0123456789abcdef0123"));
        Assert.True(keys.IsValid("second-key-0123456789abcdef012"));
        Assert.False(keys.IsValid(" first-key-0123456789abcdef0123 "));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://127.8.9.10:5080", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("https://LOCALHOST", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://[::ffff:127.0.0.1]:5080", true)]
    [InlineData("http://unix:/run/attachment-sync.sock", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://[::]:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("http://+:5080", false)]
    [InlineData("http://10.0.0.4:5080", false)]
    [InlineData("http://localhost.example:5080", false)]
    public void Loopback_address_rule(string address, bool loopback)
    {
        Assert.Equal(loopback, ListenAddressGuard.IsLoopback(address));
    }

    private Task<AttachmentSyncApplication> StartAsync(
        Dictionary<string, string?> settings, IServer? server, RecordingLoggerProvider? logs = null) =>
        ServiceStarter.StartAsync(_directory, settings, server, logs);
}
