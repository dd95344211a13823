namespace AttachmentSync.Core.Sync;

/// <summary>
/// Exponential backoff with full jitter: a random delay between zero and
/// <c>min(max, base * 2^(attempt-1))</c>. A wait that Azure DevOps asked for wins when it is longer.
/// </summary>
public static class RetryDelay
{
    public static TimeSpan Compute(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, TimeSpan? requested, Random random)
    {
        var exponent = Math.Min(Math.Max(attempt - 1, 0), 30);
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        var jittered = TimeSpan.FromMilliseconds(random.NextDouble() * ceiling);
        return requested is { } wait && wait > jittered ? wait : jittered;
    }
}
