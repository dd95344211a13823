using System.Collections.Concurrent;

namespace AttachmentSync.Tus.TestHost;

/// <summary>
/// Completion handler that counts its calls per upload, so client suites can check it ran once.
/// </summary>
internal sealed class CompletionCounter : ITusCompletionHandler
{
    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);

    public int CountFor(string uploadId) => counts.GetValueOrDefault(uploadId);

    public Task OnUploadCompletedAsync(TusUpload upload, CancellationToken cancellationToken)
    {
        counts.AddOrUpdate(upload.Id, 1, (_, count) => count + 1);
        return Task.CompletedTask;
    }
}
