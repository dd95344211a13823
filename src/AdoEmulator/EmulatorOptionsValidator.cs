using Microsoft.Extensions.Options;

namespace AdoEmulator;

/// <summary>Rejects option values the emulator cannot run with, naming the full configuration key.</summary>
internal sealed class EmulatorOptionsValidator : IValidateOptions<EmulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, EmulatorOptions options)
    {
        var errors = new List<string>();

        if (string.IsNullOrWhiteSpace(options.Organization) || options.Organization.Contains('/'))
        {
            errors.Add($"Emulator:Organization must be a non-empty name without '/', got '{options.Organization}'.");
        }

        if (string.IsNullOrWhiteSpace(options.Project) || options.Project.Contains('/'))
        {
            errors.Add($"Emulator:Project must be a non-empty name without '/', got '{options.Project}'.");
        }

        if (options.MaxAttachmentSize <= 0)
        {
            errors.Add($"Emulator:MaxAttachmentSize must be a positive byte count, got {options.MaxAttachmentSize}.");
        }

        if (options.MaxAttachmentsPerWorkItem <= 0)
        {
            errors.Add($"Emulator:MaxAttachmentsPerWorkItem must be positive, got {options.MaxAttachmentsPerWorkItem}.");
        }

        if (options.SimpleUploadMaxSize <= 0)
        {
            errors.Add($"Emulator:SimpleUploadMaxSize must be a positive byte count, got {options.SimpleUploadMaxSize}.");
        }

        if (options.HookRetryScale < 0 || options.HookProbationScale < 0)
        {
            errors.Add("Emulator:HookRetryScale and Emulator:HookProbationScale must be zero or positive.");
        }

        if (options.HookDeliveryTimeout <= TimeSpan.Zero)
        {
            errors.Add($"Emulator:HookDeliveryTimeout must be positive, got {options.HookDeliveryTimeout}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
