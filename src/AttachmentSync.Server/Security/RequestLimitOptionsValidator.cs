using Microsoft.Extensions.Options;

namespace AttachmentSync.Server.Security;

/// <summary>Checks <see cref="RequestLimitOptions"/> at start-up; each message names the full key and the allowed range.</summary>
public sealed class RequestLimitOptionsValidator : IValidateOptions<RequestLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RequestLimitOptions options)
    {
        var errors = new List<string>();
        if (options.MaxRequestBodyBytes is < 1024 or > 1024L * 1024 * 1024)
        {
            errors.Add($"Limits:MaxRequestBodyBytes has the value {options.MaxRequestBodyBytes}; allowed values are 1024 to 1073741824.");
        }

        if (options.MaxRequestHeadersBytes is < 4096 or > 1024 * 1024)
        {
            errors.Add($"Limits:MaxRequestHeadersBytes has the value {options.MaxRequestHeadersBytes}; allowed values are 4096 to 1048576.");
        }

        if (options.MaxJsonDepth is < 4 or > 256)
        {
            errors.Add($"Limits:MaxJsonDepth has the value {options.MaxJsonDepth}; allowed values are 4 to 256.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
