using AttachmentSync.AzureDevOps;
using AttachmentSync.AzureDevOps.Http;
using AttachmentSync.Core.Attachments;
using AttachmentSync.Core.Content;
using AttachmentSync.Core.Jobs;

namespace AttachmentSync.Core.Sync;

/// <summary>
/// Puts a tool file on its work item: reuses an attachment Azure DevOps already holds for the same content,
/// else uploads the bytes; records the attachment GUID before linking, then links it unless the work item
/// already carries it. Each step is safe to repeat after a crash.
/// </summary>
public sealed class UploadJobHandler(
    IAttachmentRepository attachments,
    IDeduplicationIndex deduplication,
    IContentStore content,
    AdoAttachmentsClient adoAttachments,
    WorkItemLinker linker,
    AdoConnection connection) : AttachmentJobHandler(attachments)
{
    public override SyncJobType Type => SyncJobType.Upload;

    public override async Task HandleAsync(SyncJob job, CancellationToken cancellationToken)
    {
        var record = await LoadLiveAsync(job, cancellationToken);
        if (record is null || record.State == SyncState.Synced)
        {
            return;
        }

        if (record.AdoAttachmentId is null)
        {
            record = await EnsureUploadedAsync(record, cancellationToken);
        }

        await linker.LinkAsync(record, cancellationToken);
        await Attachments.UpdateAsync(record with { State = SyncState.Synced, StateReason = null }, cancellationToken);
    }

    private async Task<AttachmentRecord> EnsureUploadedAsync(AttachmentRecord record, CancellationToken cancellationToken)
    {
        var sha256 = record.Sha256 ?? throw new JobFailedException($"Attachment {record.Id} has no stored content.", true);
        var known = await deduplication.GetAsync(sha256, cancellationToken);
        Guid attachmentId;
        if (known is not null)
        {
            attachmentId = known.AdoAttachmentId;
        }
        else
        {
            await Attachments.UpdateAsync(record with { State = SyncState.Uploading, StateReason = null }, cancellationToken);
            attachmentId = await UploadBytesAsync(record, sha256, cancellationToken);
        }

        var uploaded = record with
        {
            State = SyncState.Uploaded,
            StateReason = null,
            AdoAttachmentId = attachmentId,
            AdoAttachmentUrl = connection.Urls.Attachment(attachmentId),
        };
        await Attachments.UpdateAsync(uploaded, cancellationToken);
        return uploaded;
    }

    private async Task<Guid> UploadBytesAsync(AttachmentRecord record, string sha256, CancellationToken cancellationToken)
    {
        await using var stream = content.OpenRead(sha256)
            ?? throw new JobFailedException($"The stored content {sha256} of attachment {record.Id} is missing.", true);
        try
        {
            var reference = await adoAttachments.UploadAsync(record.FileName, stream, stream.Length, cancellationToken);
            await deduplication.RecordAsync(sha256, reference.Id, connection.Urls.Attachment(reference.Id), stream.Length,
                cancellationToken);
            return reference.Id;
        }
        catch (AdoApiException exception) when (exception.TypeKey == "WorkItemAttachmentExceedsMaxSizeException")
        {
            throw new JobFailedException($"The file ({stream.Length} bytes) is over Azure DevOps's attachment size limit.", true);
        }
    }
}
