using AttachmentSync.Core.Content;
using AttachmentSync.Core.Diagnostics;
using AttachmentSync.Core.Sync;
using AttachmentSync.Core.Uploads;
using AttachmentSync.Tus;
using AttachmentSync.Tus.Storage;
using Microsoft.Extensions.Options;

namespace AttachmentSync.Server.Tus;

/// <summary>
/// Hands a finished tus upload to the normal sync path. The tus server may call this again for the same
/// upload after a crash, so it is idempotent by upload id: a session that already names its attachment is
/// done, and storing the same bytes twice changes nothing because the store and the ledger dedupe by content.
/// </summary>
public sealed class TusUploadCompletion(
    ITusStore tusStore,
    IContentStore content,
    IUploadSessionRepository sessions,
    IServiceScopeFactory scopes,
    IEventLog events,
    IOptions<SyncOptions> options) : ITusCompletionHandler
{
    public async Task OnUploadCompletedAsync(TusUpload upload, CancellationToken cancellationToken)
    {
        var session = await sessions.GetAsync(upload.Id, cancellationToken);
        if (session?.AttachmentId is not null)
        {
            return;
        }

        var workItemId = TusMetadata.WorkItemId(upload)
            ?? throw new InvalidOperationException($"Upload {upload.Id} has no valid workItemId; creation should have rejected it.");
        var fileName = upload.Metadata[TusMetadata.FileNameKey];

        StoredContent stored;
        await using (var data = await tusStore.OpenReadAsync(upload.Id, cancellationToken))
        {
            stored = await content.WriteAsync(data, options.Value.MaxUploadBytes, cancellationToken);
        }

        await using var scope = scopes.CreateAsyncScope();
        var ingestor = scope.ServiceProvider.GetRequiredService<AttachmentIngestor>();
        var outcome = await ingestor.IngestAsync(workItemId, fileName, stored, null, TimeSpan.Zero, cancellationToken);
        if (outcome.Status == IngestStatus.WorkItemNotFound)
        {
            // The work item was deleted between creation (where it was checked) and the last byte.
            await events.AppendAsync(new SyncEvent("UPLOAD_REJECTED", EventSeverity.Error,
                $"Resumable upload {upload.Id} finished, but work item {workItemId} does not exist in Azure DevOps; " +
                $"its content {stored.Sha256} stays in the store and can be linked elsewhere.", workItemId), cancellationToken);
        }

        await sessions.SetStatusAsync(upload.Id, UploadSessionStatus.Completed, outcome.Record?.Id, cancellationToken);
    }
}
