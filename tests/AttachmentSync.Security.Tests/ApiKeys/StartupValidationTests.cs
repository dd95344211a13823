using AttachmentSync.Security.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace AttachmentSync.Security.Tests.ApiKeys;

/// <summary>Invalid security and limit settings stop the service at start-up with a message naming the key.</summary>
public sealed class StartupValidationTests : IDisposable
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
    [InlineData("Limits:MaxJsonDepth", "1", "Limits:MaxJsonDepth")]
    [InlineData("Limits:MaxRequestBodyBytes", "10", "Limits:MaxRequestBodyBytes")]
    [InlineData("Limits:MaxRequestHeadersBytes", "100", "Limits:MaxRequestHeadersBytes")]
    [InlineData("Webhook:MaxBodyBytes", "10", "Webhook:MaxBodyBytes")]
    [InlineData("Webhook:RequireSignature", "true", "Webhook:HmacKey")]
    [InlineData("Webhook:SignatureHeader", "X Bad:Header", "Webhook:SignatureHeader")]
    public async Task Invalid_setting_stops_startup(string key, string value, string named)
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            ServiceStarter.StartAsync(_directory, new() { ["urls"] = "http://127.0.0.1:0", [key] = value }, new NonBindingServer()));

        Assert.Contains(named, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Short_hmac_key_is_not_echoed()
    {
        const string key = "short-hmac";

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            ServiceStarter.StartAsync(_directory, new() { ["urls"] = "http://127.0.0.1:0", ["Webhook:HmacKey"] = key }, new NonBindingServer()));

        Assert.Contains("Webhook:HmacKey", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key, exception.Message, StringComparison.Ordinal);
    }
}
