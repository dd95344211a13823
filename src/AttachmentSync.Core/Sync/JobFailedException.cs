namespace AttachmentSync.Core.Sync;

/// <summary>
/// A failure a job handler has classified itself. A permanent one stops the job with
/// <see cref="Exception.Message"/> as the reason a person reads; a transient one is retried.
/// </summary>
public sealed class JobFailedException(string message, bool isPermanent, TimeSpan? retryAfter = null) : Exception(message)
{
    public bool IsPermanent { get; } = isPermanent;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}
