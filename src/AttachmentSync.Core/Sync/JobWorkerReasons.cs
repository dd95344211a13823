using System.Globalization;

namespace AttachmentSync.Core.Sync;

/// <summary>Ledger text of a job that waits for its next attempt.</summary>
public static class JobWorkerReasons
{
    public static string Describe(JobFailure failure, DateTimeOffset nextRunAt, int attempt, int maxAttempts)
    {
        var at = nextRunAt.UtcDateTime.ToString("HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        return failure.IsThrottled
            ? $"waiting: Azure DevOps throttled requests until {at} (attempt {attempt} of {maxAttempts})"
            : $"waiting until {at} to retry (attempt {attempt} of {maxAttempts}): {failure.Reason}";
    }
}
