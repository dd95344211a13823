namespace AttachmentSync.Core.Sync;

/// <summary>
/// Delay before the next durable attempt of a job: exponential backoff with full jitter, a random delay
/// between zero and <c>min(max, base * 2^(attempt-1))</c>. A wait Azure DevOps asked for through
/// <c>Retry-After</c> or <c>X-RateLimit-Delay</c> replaces the computed delay.
/// </summary>
public static class RetryDelay
{
    public static TimeSpan Compute(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, TimeSpan? requested, Random random)
    {
        if (requested is { } wait && wait > TimeSpan.Zero)
        {
            return wait;
        }

        var exponent = Math.Min(Math.Max(attempt - 1, 0), 30);
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(random.NextDouble() * ceiling);
    }
}
