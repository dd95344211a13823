using AttachmentSync.AzureDevOps;
using AttachmentSync.AzureDevOps.Http;
using AttachmentSync.Core.Attachments;
using AttachmentSync.Core.Content;
using AttachmentSync.Core.Jobs;
using Microsoft.Extensions.Options;

namespace AttachmentSync.Core.Sync;

/// <summary>
/// Fetches an Azure DevOps attachment into the content store. The bytes stream straight to disk while being
/// hashed; the record becomes synced only after the file is in place.
/// </summary>
public sealed class DownloadJobHandler(
    IAttachmentRepository attachments,
    IDeduplicationIndex deduplication,
    IContentStore content,
    AdoAttachmentsClient adoAttachments,
    AdoConnection connection,
    IOptions<SyncOptions> options) : AttachmentJobHandler(attachments)
{
    public override SyncJobType Type => SyncJobType.Download;

    public override async Task HandleAsync(SyncJob job, CancellationToken cancellationToken)
    {
        var record = await LoadLiveAsync(job, cancellationToken);
        if (record is null || record.State == SyncState.Synced)
        {
            return;
        }

        var attachmentId = record.AdoAttachmentId
            ?? throw new JobFailedException($"Attachment {record.Id} has no Azure DevOps id to download.", true);
        if (record.State != SyncState.Downloading)
        {
            record = record with { State = SyncState.Downloading, StateReason = null };
            await Attachments.UpdateAsync(record, cancellationToken);
        }

        StoredContent stored;
        await using (var download = await adoAttachments.DownloadAsync(attachmentId, record.FileName, cancellationToken))
        {
            stored = await content.WriteAsync(download.Content, options.Value.MaxUploadBytes, cancellationToken);
        }

        if (record.FileSize is { } expected && expected != stored.Length)
        {
            throw new JobFailedException(
                $"Azure DevOps sent {stored.Length} bytes for attachment {attachmentId}, but the relation says {expected}.",
                isPermanent: false);
        }

        await deduplication.RecordAsync(stored.Sha256, attachmentId, connection.Urls.Attachment(attachmentId),
            stored.Length, cancellationToken);
        var synced = record with
        {
            State = SyncState.Synced,
            StateReason = null,
            Sha256 = stored.Sha256,
            FileSize = stored.Length,
        };
        await Attachments.UpdateAsync(synced, cancellationToken);
    }
}
