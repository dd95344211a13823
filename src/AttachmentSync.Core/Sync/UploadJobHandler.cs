using AttachmentSync.AzureDevOps;
using AttachmentSync.AzureDevOps.Http;
using AttachmentSync.Core.Attachments;
using AttachmentSync.Core.Content;
using AttachmentSync.Core.Jobs;

namespace AttachmentSync.Core.Sync;

/// <summary>
/// Puts a tool file on its work item: reuses an attachment Azure DevOps already holds for the same content,
/// else uploads the bytes (large files in chunks that resume after a restart); records the attachment GUID
/// before linking, then links it unless the work item already carries it. Each step is safe to repeat
/// after a crash at any point.
/// </summary>
public sealed class UploadJobHandler(
    IAttachmentRepository attachments,
    IDeduplicationIndex deduplication,
    IContentStore content,
    AdoAttachmentsClient adoAttachments,
    ChunkedUploader chunkedUploader,
    WorkItemLinker linker,
    AdoConnection connection) : AttachmentJobHandler(attachments)
{
    private const string SizeLimitTypeKey = "WorkItemAttachmentExceedsMaxSizeException";

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
            await EnsureUploadedAsync(record, cancellationToken);
        }

        // Read again: a delete in the tool while the bytes were uploading must not be followed by a link.
        record = await LoadLiveAsync(job, cancellationToken);
        if (record is null)
        {
            return;
        }

        var rev = await linker.LinkAsync(record, cancellationToken);
        await Attachments.UpdateAsync(
            record with { State = SyncState.Synced, StateReason = null, RelationRev = rev }, CancellationToken.None);
    }

    private async Task EnsureUploadedAsync(AttachmentRecord record, CancellationToken cancellationToken)
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
            if (record.State != SyncState.Uploading)
            {
                record = record with { State = SyncState.Uploading };
                await Attachments.UpdateAsync(record, cancellationToken);
            }

            attachmentId = await UploadBytesAsync(record, sha256, cancellationToken);
        }

        // The GUID is recorded before any link, so a crash after linking never leaves an unknown relation.
        var uploaded = (await Attachments.GetAsync(record.Id, CancellationToken.None) ?? record) with
        {
            State = SyncState.Uploaded,
            StateReason = null,
            AdoAttachmentId = attachmentId,
            AdoAttachmentUrl = connection.Urls.Attachment(attachmentId),
            ChunkedUploadId = null,
            ChunkedUploadOffset = null,
        };
        await Attachments.UpdateAsync(uploaded, CancellationToken.None);
    }

    private async Task<Guid> UploadBytesAsync(AttachmentRecord record, string sha256, CancellationToken cancellationToken)
    {
        await using var stream = content.OpenRead(sha256)
            ?? throw new JobFailedException($"The stored content {sha256} of attachment {record.Id} is missing.", true);
        var length = stream.Length;
        var options = connection.Options;
        try
        {
            var id = length <= options.ChunkedUploadThreshold
                ? (await adoAttachments.UploadSimpleAsync(record.FileName, stream, length, cancellationToken)).Id
                : await chunkedUploader.UploadAsync(record, stream, length, options.ChunkSize, cancellationToken);

            // NOTE: a crash between the simple upload's answer and this line leaves an unlinked attachment in
            // Azure DevOps and uploads the bytes again; only the chunked path records its id before sending.
            await deduplication.RecordAsync(sha256, id, connection.Urls.Attachment(id), length, CancellationToken.None);
            return id;
        }
        catch (AdoApiException exception) when (exception.TypeKey == SizeLimitTypeKey)
        {
            throw new JobFailedException(
                $"The file ({length} bytes) is over Azure DevOps's attachment size limit: {exception.Message}", true);
        }
    }
}
