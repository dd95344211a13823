using System.Collections.Concurrent;

namespace AttachmentSync.Tus.Tests.Infrastructure;

/// <summary>
/// Upload observer that records each notification as "event:uploadId:offset".
/// </summary>
internal sealed class RecordingObserver : ITusUploadObserver
{
    private readonly ConcurrentQueue<string> events = new();

    public IReadOnlyList<string> Events => [.. events];

    public Task OnCreatedAsync(TusUpload upload, CancellationToken cancellationToken) => Record("created", upload);

    public Task OnProgressAsync(TusUpload upload, CancellationToken cancellationToken) => Record("progress", upload);

    public Task OnTerminatedAsync(TusUpload upload, CancellationToken cancellationToken) =>
        Record("terminated", upload);

    public Task OnExpiredAsync(TusUpload upload, CancellationToken cancellationToken) => Record("expired", upload);

    private Task Record(string name, TusUpload upload)
    {
        events.Enqueue($"{name}:{upload.Id}:{upload.Offset}");
        return Task.CompletedTask;
    }
}
