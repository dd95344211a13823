using Microsoft.Extensions.Options;

namespace AttachmentSync.Core.Sync;

/// <summary>Checks the <c>Sync</c> section at start-up; every message names the full key and the allowed values.</summary>
public sealed class SyncOptionsValidator : IValidateOptions<SyncOptions>
{
    public ValidateOptionsResult Validate(string? name, SyncOptions options)
    {
        var errors = new List<string>();
        RequirePositive(errors, "Sync:RetryBaseDelay", options.RetryBaseDelay);
        RequirePositive(errors, "Sync:JobLease", options.JobLease);
        RequirePositive(errors, "Sync:InlineRetryDelay", options.InlineRetryDelay);
        RequireNotNegative(errors, "Sync:InlineRetryMaxWait", options.InlineRetryMaxWait);
        RequireNotNegative(errors, "Sync:SweepInterval", options.SweepInterval);
        RequireNotNegative(errors, "Sync:SweepOverlap", options.SweepOverlap);
        RequireNotNegative(errors, "Sync:DeletedContentRetention", options.DeletedContentRetention);
        if (options.RetryMaxDelay < options.RetryBaseDelay)
        {
            errors.Add($"Sync:RetryMaxDelay has the value {options.RetryMaxDelay}; it must be at least " +
                       $"Sync:RetryBaseDelay ({options.RetryBaseDelay}).");
        }

        if (options.Workers is < 1 or > 64)
        {
            errors.Add($"Sync:Workers has the value {options.Workers}; allowed values are 1 to 64.");
        }

        if (options.MaxUploadBytes < 0)
        {
            errors.Add($"Sync:MaxUploadBytes has the value {options.MaxUploadBytes}; it must be 0 or more bytes.");
        }

        if (options.MaxAttempts is < 1 or > 1000)
        {
            errors.Add($"Sync:MaxAttempts has the value {options.MaxAttempts}; allowed values are 1 to 1000.");
        }

        if (options.InlineRetries is < 0 or > 10)
        {
            errors.Add($"Sync:InlineRetries has the value {options.InlineRetries}; allowed values are 0 to 10.");
        }

        if (options.MaxDeleteShare is < 0 or > 1 || double.IsNaN(options.MaxDeleteShare))
        {
            errors.Add($"Sync:MaxDeleteShare has the value {options.MaxDeleteShare}; allowed values are 0 to 1.");
        }

        if (options.DeleteGuardMinimum < 0)
        {
            errors.Add($"Sync:DeleteGuardMinimum has the value {options.DeleteGuardMinimum}; it must be 0 or more.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void RequirePositive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{key} has the value {value}; it must be a positive time span such as 00:00:05.");
        }
    }

    private static void RequireNotNegative(List<string> errors, string key, TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            errors.Add($"{key} has the value {value}; it must be zero or a positive time span such as 00:05:00.");
        }
    }
}
