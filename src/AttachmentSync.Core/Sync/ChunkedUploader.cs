using AttachmentSync.AzureDevOps;
using AttachmentSync.Core.Attachments;

namespace AttachmentSync.Core.Sync;

/// <summary>
/// Sends a large file to Azure DevOps as a chunked upload (a start call, then PUTs with
/// <c>Content-Range: bytes first-last/total</c>) and records the attachment id and the acknowledged
/// offset after every chunk, so a restarted job continues at the next range. When Azure DevOps rejects the
/// resumed range (the last acknowledgement was lost in a crash) or no longer knows the upload, the
/// uploader checks whether the attachment is already complete, and otherwise starts a new upload once.
/// </summary>
public sealed class ChunkedUploader(IAttachmentRepository attachments, AdoAttachmentsClient adoAttachments)
{
    private const string IncorrectOffsetTypeKey = "WorkItemAttachmentIncorrectOffsetException";

    /// <summary>Uploads <paramref name="content"/> (seekable, <paramref name="length"/> bytes) and returns the attachment id.</summary>
    public async Task<Guid> UploadAsync(
        AttachmentRecord record, Stream content, long length, int chunkSize, CancellationToken cancellationToken)
    {
        var restarted = false;
        if (record.ChunkedUploadId is null)
        {
            record = await StartAsync(record, cancellationToken);
        }

        var id = record.ChunkedUploadId!.Value;
        var offset = record.ChunkedUploadOffset ?? 0;
        while (offset < length)
        {
            var size = Math.Min(chunkSize, length - offset);
            content.Position = offset;
            try
            {
                await adoAttachments.UploadChunkAsync(id, record.FileName, content, offset, size, length, cancellationToken);
            }
            catch (AdoApiException exception) when (offset > 0 && !restarted && CannotContinue(exception))
            {
                if (await IsCompleteAsync(id, record.FileName, length, cancellationToken))
                {
                    return id;
                }

                restarted = true;
                record = await StartAsync(record, cancellationToken);
                id = record.ChunkedUploadId!.Value;
                offset = 0;
                continue;
            }

            offset += size;
            record = record with { ChunkedUploadOffset = offset };
            await attachments.UpdateAsync(record, CancellationToken.None);
        }

        return id;
    }

    private async Task<AttachmentRecord> StartAsync(AttachmentRecord record, CancellationToken cancellationToken)
    {
        var started = await adoAttachments.StartChunkedAsync(record.FileName, cancellationToken);
        record = record with { ChunkedUploadId = started.Id, ChunkedUploadOffset = 0 };
        await attachments.UpdateAsync(record, CancellationToken.None);
        return record;
    }

    private static bool CannotContinue(AdoApiException exception) =>
        exception.Kind == AdoErrorKind.NotFound || exception.TypeKey == IncorrectOffsetTypeKey;

    private async Task<bool> IsCompleteAsync(Guid id, string fileName, long length, CancellationToken cancellationToken)
    {
        try
        {
            await using var download = await adoAttachments.DownloadAsync(id, fileName, cancellationToken);
            return download.Length == length;
        }
        catch (AdoApiException exception) when (exception.Kind == AdoErrorKind.NotFound)
        {
            return false;
        }
    }
}
