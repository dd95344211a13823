using AttachmentSync.Tus.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AttachmentSync.Tus.Completion;

/// <summary>
/// Calls every registered <see cref="ITusUploadObserver"/>, logging the exceptions they throw.
/// </summary>
internal sealed class TusObserverNotifier(
    IEnumerable<ITusUploadObserver> observers,
    IHostApplicationLifetime lifetime,
    ILogger<TusObserverNotifier> logger)
{
    private readonly ITusUploadObserver[] observers = [.. observers];

    public Task CreatedAsync(TusUpload upload) =>
        NotifyAsync(upload, "created", (observer, ct) => observer.OnCreatedAsync(upload, ct));

    public Task ProgressAsync(TusUpload upload) =>
        NotifyAsync(upload, "progress", (observer, ct) => observer.OnProgressAsync(upload, ct));

    public Task TerminatedAsync(TusUpload upload) =>
        NotifyAsync(upload, "terminated", (observer, ct) => observer.OnTerminatedAsync(upload, ct));

    public Task ExpiredAsync(TusUpload upload) =>
        NotifyAsync(upload, "expired", (observer, ct) => observer.OnExpiredAsync(upload, ct));

    private async Task NotifyAsync(
        TusUpload upload, string eventName, Func<ITusUploadObserver, CancellationToken, Task> notify)
    {
        foreach (var observer in observers)
        {
            try
            {
                await notify(observer, lifetime.ApplicationStopping);
            }
            catch (Exception ex)
            {
                logger.ObserverFailed(ex, eventName, upload.Id, observer.GetType().Name);
            }
        }
    }
}
