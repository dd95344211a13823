using AttachmentSync.AzureDevOps;
using Microsoft.Extensions.Options;

namespace AttachmentSync.Server.Configuration;

/// <summary>
/// Checks the settings at start-up and names the configuration key, its environment variable and the
/// allowed values in every message, so a wrong setting stops the service with an actionable error.
/// </summary>
public sealed class StartupValidation :
    IValidateOptions<AzureDevOpsOptions>, IValidateOptions<StorageOptions>, IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, AzureDevOpsOptions options)
    {
        var errors = new List<string>();
        if (options.OrganizationUrl is not { IsAbsoluteUri: true } url || url.Scheme is not ("http" or "https"))
        {
            errors.Add("AzureDevOps:OrganizationUrl (AZDO_ORG_URL) must be an absolute http or https URL, " +
                       "such as https://dev.azure.com/contoso.");
        }

        if (string.IsNullOrWhiteSpace(options.Project))
        {
            errors.Add("AzureDevOps:Project (AZDO_PROJECT) is missing: set the project name.");
        }

        if (string.IsNullOrWhiteSpace(options.Pat))
        {
            errors.Add("AzureDevOps:Pat (AZDO_PAT) is missing: set a personal access token with Work Items read & write.");
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(options.ApiVersion, @"^\d+\.\d+(-preview(\.\d+)?)?$"))
        {
            errors.Add($"AzureDevOps:ApiVersion has the value '{options.ApiVersion}'; expected MAJOR.MINOR, such as 7.1 or 7.1-preview.3.");
        }

        if (options.ChunkSize is <= 0 or > 512 * 1024 * 1024 || options.ChunkedUploadThreshold <= 0)
        {
            errors.Add("AzureDevOps:ChunkSize must be 1 to 536870912 bytes and AzureDevOps:ChunkedUploadThreshold " +
                       "a positive byte count.");
        }

        if (options.ReadRetries is < 0 or > 10)
        {
            errors.Add($"AzureDevOps:ReadRetries has the value {options.ReadRetries}; allowed values are 0 to 10.");
        }

        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            errors.Add("Storage:DatabasePath (ATTACHMENT_SYNC_DB_PATH) is empty: set the SQLite file path.");
        }

        if (string.IsNullOrWhiteSpace(options.ContentPath))
        {
            errors.Add("Storage:ContentPath (ATTACHMENT_STORAGE_PATH) is empty: set the file store directory.");
        }

        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        if (string.IsNullOrEmpty(options.Secret))
        {
            return ValidateOptionsResult.Fail(
                "Webhook:Secret (ATTACHMENT_WEBHOOK_SECRET) is missing: set a random string of at least 16 characters, " +
                "for example the output of: openssl rand -hex 32");
        }

        if (options.Secret.Length < 16)
        {
            return ValidateOptionsResult.Fail(
                "Webhook:Secret (ATTACHMENT_WEBHOOK_SECRET) must be at least 16 characters; " +
                "generate one with: openssl rand -hex 32");
        }

        if (options.PublicUrl is { IsAbsoluteUri: false })
        {
            return ValidateOptionsResult.Fail("Webhook:PublicUrl (ATTACHMENT_WEBHOOK_URL) must be an absolute URL.");
        }

        // Azure DevOps sends a subscription's Basic credentials only to https URLs. Plain http stays possible for a
        // loopback host, where the emulator of the tests and of demo mode delivers.
        if (options.PublicUrl is { } publicUrl
            && publicUrl.Scheme != Uri.UriSchemeHttps
            && !(publicUrl.Scheme == Uri.UriSchemeHttp && publicUrl.IsLoopback))
        {
            return ValidateOptionsResult.Fail(
                $"Webhook:PublicUrl (ATTACHMENT_WEBHOOK_URL) has the value '{publicUrl.OriginalString}'; expected an " +
                "https URL, such as https://sync.example.com/api/webhooks/workitem, because Azure DevOps sends the " +
                "webhook secret only over HTTPS. http is accepted only for a loopback host such as 127.0.0.1.");
        }

        if (options.MaxBodyBytes is < 1024 or > 256 * 1024 * 1024)
        {
            return ValidateOptionsResult.Fail(
                $"Webhook:MaxBodyBytes has the value {options.MaxBodyBytes}; allowed values are 1024 to 268435456.");
        }

        return ValidateSignature(options);
    }

    private static ValidateOptionsResult ValidateSignature(WebhookOptions options)
    {
        if (options.HmacKey is { } key && key.Length < 16)
        {
            return ValidateOptionsResult.Fail(
                "Webhook:HmacKey (ATTACHMENT_WEBHOOK_HMAC_KEY) must be at least 16 characters when set; " +
                "generate one with: openssl rand -hex 32");
        }

        if (options.RequireSignature && string.IsNullOrEmpty(options.HmacKey))
        {
            return ValidateOptionsResult.Fail("Webhook:RequireSignature is true but Webhook:HmacKey is not set.");
        }

        if (string.IsNullOrWhiteSpace(options.SignatureHeader)
            || !options.SignatureHeader.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return ValidateOptionsResult.Fail(
                $"Webhook:SignatureHeader has the value '{options.SignatureHeader}'; expected a header name of " +
                "letters, digits, '-' and '_', such as X-Hub-Signature-256.");
        }

        return ValidateOptionsResult.Success;
    }

    private static ValidateOptionsResult Result(List<string> errors) =>
        errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
}
