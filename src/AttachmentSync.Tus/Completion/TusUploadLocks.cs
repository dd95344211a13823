using System.Collections.Concurrent;

namespace AttachmentSync.Tus.Completion;

/// <summary>
/// In-process locks by upload id, so one request at a time changes an upload.
/// </summary>
/// <remarks>
/// The locks do not span processes: run one instance of the service per store directory.
/// </remarks>
internal sealed class TusUploadLocks
{
    private readonly ConcurrentDictionary<string, byte> lockedIds = new(StringComparer.Ordinal);

    /// <summary>Takes the lock of an upload, or returns null when another request holds it.</summary>
    public Lease? TryAcquire(string uploadId) =>
        lockedIds.TryAdd(uploadId, 0) ? new Lease(this, uploadId) : null;

    /// <summary>A lock taken by <see cref="TryAcquire"/>, released on dispose.</summary>
    public sealed class Lease(TusUploadLocks owner, string uploadId) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                owner.lockedIds.TryRemove(uploadId, out _);
            }
        }
    }
}
