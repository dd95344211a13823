using Microsoft.Extensions.Options;

namespace AttachmentSync.Tus;

/// <summary>
/// Validates <see cref="TusOptions"/> at start-up, naming the full configuration key of each invalid value.
/// </summary>
internal sealed class TusOptionsValidator : IValidateOptions<TusOptions>
{
    public ValidateOptionsResult Validate(string? name, TusOptions options)
    {
        var failures = new List<string>();
        var prefix = TusOptions.SectionName;

        if (string.IsNullOrWhiteSpace(options.Directory))
        {
            failures.Add($"{prefix}:Directory is required: set it to the directory that stores uploads.");
        }

        if (options.MaxSize <= 0)
        {
            failures.Add($"{prefix}:MaxSize must be a positive number of bytes, got {options.MaxSize}.");
        }

        if (options.Expiration <= TimeSpan.Zero)
        {
            failures.Add($"{prefix}:Expiration must be a positive time span, got {options.Expiration}.");
        }

        foreach (var key in options.RequiredMetadataKeys)
        {
            if (!Protocol.UploadMetadataParser.IsValidKey(key))
            {
                failures.Add(
                    $"{prefix}:RequiredMetadataKeys contains '{key}': a key must be non-empty printable ASCII "
                    + "without spaces or commas.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
