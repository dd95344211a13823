using System.Collections.Concurrent;

namespace AttachmentSync.Tus.Tests.Infrastructure;

/// <summary>
/// Completion handler that records every call, and can throw on demand.
/// </summary>
internal sealed class RecordingCompletionHandler : ITusCompletionHandler
{
    private readonly ConcurrentQueue<TusUpload> calls = new();

    public bool Throw { get; init; }

    public IReadOnlyList<TusUpload> Calls => [.. calls];

    public int CountFor(string uploadId) => calls.Count(upload => upload.Id == uploadId);

    public Task OnUploadCompletedAsync(TusUpload upload, CancellationToken cancellationToken)
    {
        calls.Enqueue(upload);
        if (Throw)
        {
            throw new InvalidOperationException("Completion handler failure for the test.");
        }

        return Task.CompletedTask;
    }
}
