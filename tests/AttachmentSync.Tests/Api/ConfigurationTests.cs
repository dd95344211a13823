using AttachmentSync.Server;
using AttachmentSync.Server.Configuration;
using Microsoft.Extensions.Options;

namespace AttachmentSync.Tests.Api;

/// <summary>A missing or invalid setting stops start-up with a message naming the key.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public async Task Missing_webhook_secret_stops_start()
    {
        var settings = BaseSettings();
        settings.Remove("Webhook:Secret");

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(settings));

        Assert.Contains("ATTACHMENT_WEBHOOK_SECRET", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Webhook:Secret", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Relative_organization_url_stops_start()
    {
        var settings = BaseSettings();
        settings["AzureDevOps:OrganizationUrl"] = "contoso";

        var exception = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(settings));

        Assert.Contains("AZDO_ORG_URL", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_pat_stops_start()
    {
        var settings = BaseSettings();
        settings.Remove("AzureDevOps:Pat");

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(settings));

        Assert.Contains("AZDO_PAT", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_api_version_stops_start()
    {
        var settings = BaseSettings();
        settings["AzureDevOps:ApiVersion"] = "latest";

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(settings));

        Assert.Contains("AzureDevOps:ApiVersion", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'latest'", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://sync.example.com/api/webhooks/workitem")]
    [InlineData("http://10.1.2.3:8080/api/webhooks/workitem")]
    [InlineData("ftp://127.0.0.1/api/webhooks/workitem")]
    public async Task Public_url_without_https_stops_start(string publicUrl)
    {
        var settings = BaseSettings();
        settings["Webhook:PublicUrl"] = publicUrl;

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(settings));

        Assert.Contains("Webhook:PublicUrl (ATTACHMENT_WEBHOOK_URL)", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"'{publicUrl}'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("expected an https URL", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/api/webhooks/workitem")]
    [InlineData("http://localhost:9/api/webhooks/workitem")]
    [InlineData("http://[::1]:9/api/webhooks/workitem")]
    public async Task Loopback_http_public_url_starts(string publicUrl)
    {
        var settings = BaseSettings();
        settings["Webhook:PublicUrl"] = publicUrl;

        await StartAsync(settings);
    }

    [Fact]
    public void Legacy_variables_map_to_keys()
    {
        var variables = new Dictionary<string, string>
        {
            ["AZDO_ORG_URL"] = "https://dev.azure.com/contoso",
            ["AZDO_PROJECT"] = "Fabrikam",
            ["ATTACHMENT_SYNC_DB_PATH"] = "/var/lib/sync.db",
            ["ATTACHMENT_AUTO_SYNC_ON_WEBHOOK"] = "false",
        };
        var configuration = new ConfigurationManager();

        LegacyEnvironmentVariables.AddTo(configuration, name => variables.GetValueOrDefault(name));

        Assert.Equal("https://dev.azure.com/contoso", configuration["AzureDevOps:OrganizationUrl"]);
        Assert.Equal("Fabrikam", configuration["AzureDevOps:Project"]);
        Assert.Equal("/var/lib/sync.db", configuration["Storage:DatabasePath"]);
        Assert.Equal("false", configuration["Sync:AutoSyncOnWebhook"]);
    }

    [Fact]
    public void Invalid_boolean_variable_names_allowed_values()
    {
        var configuration = new ConfigurationManager();

        var exception = Assert.Throws<InvalidOperationException>(() =>
            LegacyEnvironmentVariables.AddTo(configuration, name => name == "ATTACHMENT_AUTO_SYNC_ON_WEBHOOK" ? "yes" : null));

        Assert.Contains("ATTACHMENT_AUTO_SYNC_ON_WEBHOOK", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'true' and 'false'", exception.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> BaseSettings()
    {
        var directory = Path.Combine(Path.GetTempPath(), "attachment-sync-tests", Guid.NewGuid().ToString("N"));
        return new Dictionary<string, string?>
        {
            ["AzureDevOps:OrganizationUrl"] = "http://127.0.0.1:9/emulator",
            ["AzureDevOps:Project"] = "Demo",
            ["AzureDevOps:Pat"] = "not-used",
            ["Storage:DatabasePath"] = Path.Combine(directory, "sync.db"),
            ["Storage:ContentPath"] = Path.Combine(directory, "store"),
            ["Webhook:Secret"] = "0123456789abcdef0123",
            ["Logging:LogLevel:Default"] = "Warning",
        };
    }

    private static async Task StartAsync(Dictionary<string, string?> settings)
    {
        await using var service = await AttachmentSyncApplication.StartAsync(["--urls", "http://127.0.0.1:0"],
            builder => builder.Configuration.AddInMemoryCollection(settings));
    }
}
