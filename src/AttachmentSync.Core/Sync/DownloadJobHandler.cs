using AttachmentSync.AzureDevOps;
using AttachmentSync.AzureDevOps.Http;
using AttachmentSync.Core.Attachments;
using AttachmentSync.Core.Content;
using AttachmentSync.Core.Jobs;
using Microsoft.Extensions.Options;

namespace AttachmentSync.Core.Sync;

/// <summary>
/// Fetches an Azure DevOps attachment into the content store. The bytes stream to a temp file while being
/// hashed and are renamed into place only when complete, so a crash mid-download leaves no partial file in
/// the store and the job simply downloads again; the record becomes synced only after the file is in place.
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

        var stored = await DownloadAsync(attachmentId, record.FileName, cancellationToken);
        if (record.FileSize is { } expected && expected != stored.Length)
        {
            throw new JobFailedException(
                $"Azure DevOps sent {stored.Length} bytes for attachment {attachmentId}, but the relation says {expected}.",
                isPermanent: false);
        }

        await deduplication.RecordAsync(stored.Sha256, attachmentId, connection.Urls.Attachment(attachmentId),
            stored.Length, CancellationToken.None);
        var synced = record with
        {
            State = SyncState.Synced,
            StateReason = null,
            Sha256 = stored.Sha256,
            FileSize = stored.Length,
        };
        await Attachments.UpdateAsync(synced, CancellationToken.None);
    }

    private async Task<StoredContent> DownloadAsync(Guid attachmentId, string fileName, CancellationToken cancellationToken)
    {
        try
        {
            await using var download = await adoAttachments.DownloadAsync(attachmentId, fileName, cancellationToken);
            return await content.WriteAsync(download.Content, options.Value.MaxUploadBytes, cancellationToken);
        }
        catch (AdoApiException exception) when (exception.Kind == AdoErrorKind.NotFound)
        {
            throw new JobFailedException(
                $"attachment {attachmentId} no longer exists in Azure DevOps ({exception.Message})", isPermanent: true);
        }
        catch (ContentTooLargeException exception)
        {
            throw new JobFailedException(
                $"the attachment is larger than Sync:MaxUploadBytes ({exception.MaxLength} bytes)", isPermanent: true);
        }
    }
}
