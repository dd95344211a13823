using System.Collections.Concurrent;
using AdoEmulator.Infrastructure;
using Microsoft.Extensions.Options;

namespace AdoEmulator.Attachments;

/// <summary>
/// Keeps attachment metadata in memory and the bytes in files under one folder. Bodies are streamed to disk in
/// 80 KiB blocks, so memory use does not grow with the file size.
/// </summary>
internal sealed class AttachmentStore : IDisposable
{
    private const int BufferSize = 81920;
    private readonly ConcurrentDictionary<Guid, StoredAttachment> _attachments = new();
    private readonly TimeProvider _time;
    private readonly RequestCounters _counters;
    private readonly long _maxSize;
    private readonly bool _ownsFolder;
    private int _nextFileId = 1000;

    public AttachmentStore(IOptions<EmulatorOptions> options, TimeProvider time, RequestCounters counters)
    {
        _time = time;
        _counters = counters;
        _maxSize = options.Value.MaxAttachmentSize;
        _ownsFolder = options.Value.StoragePath is null;
        Folder = options.Value.StoragePath ?? Path.Combine(Path.GetTempPath(), "ado-emulator-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public bool TryGet(Guid id, out StoredAttachment attachment) => _attachments.TryGetValue(id, out attachment!);

    public StoredAttachment Create(string? fileName)
    {
        var id = Guid.NewGuid();
        var path = Path.Combine(Folder, id.ToString("N"));
        var attachment = new StoredAttachment(id, Interlocked.Increment(ref _nextFileId), fileName, path, _time.GetUtcNow());
        File.Create(path).Dispose();
        _attachments[id] = attachment;
        return attachment;
    }

    /// <summary>Stores a whole file from a simple upload, or returns an error when it exceeds the size limit.</summary>
    public async Task<(StoredAttachment? Attachment, AdoError? Error)> UploadAsync(
        string? fileName, Stream body, long? declaredLength, CancellationToken cancellationToken)
    {
        if (declaredLength > _maxSize)
        {
            return (null, AdoErrors.AttachmentTooLarge(declaredLength.Value, _maxSize));
        }

        var attachment = Create(fileName);
        var written = await CopyAsync(body, attachment.FilePath, append: false, _maxSize + 1, cancellationToken);
        if (written > _maxSize)
        {
            Remove(attachment);
            return (null, AdoErrors.AttachmentTooLarge(written, _maxSize));
        }

        attachment.Length = written;
        attachment.IsComplete = true;
        return (attachment, null);
    }

    /// <summary>
    /// Appends one chunk after the checks Azure DevOps makes: the total within the size limit, offset 0 restarting
    /// the file, any other offset continuing exactly where the stored bytes end, and the body matching the range.
    /// </summary>
    public async Task<AdoError?> WriteChunkAsync(
        StoredAttachment attachment, ContentRange range, Stream body, CancellationToken cancellationToken)
    {
        if (range.Total > _maxSize)
        {
            return AdoErrors.AttachmentTooLarge(range.Total, _maxSize);
        }

        await attachment.WriteLock.WaitAsync(cancellationToken);
        try
        {
            if (range.First != 0 && attachment.Length == 0)
            {
                return AdoErrors.AttachmentOffset(
                    $"The chunk starts at byte {range.First}, but no data was uploaded yet. Upload from byte 0 first.");
            }

            if (range.First != 0 && (range.First != attachment.Length || range.Total != attachment.ChunkedTotal))
            {
                return AdoErrors.AttachmentOffset(
                    $"The chunk range {range.First}-{range.Last}/{range.Total} does not continue the stored " +
                    $"{attachment.Length} of {attachment.ChunkedTotal} bytes.");
            }

            var written = await CopyAsync(body, attachment.FilePath, append: range.First != 0, range.Length + 1, cancellationToken);
            if (written != range.Length)
            {
                using (var file = File.Open(attachment.FilePath, FileMode.Open))
                {
                    file.SetLength(range.First != 0 ? attachment.Length : 0);
                }

                return AdoErrors.BadRequest(
                    $"The body has {written} bytes but Content-Range {range.First}-{range.Last} announces {range.Length}.");
            }

            attachment.ChunkedTotal = range.Total;
            attachment.Length = range.Last + 1;
            attachment.IsComplete = range.IsLast;
            attachment.Modified = _time.GetUtcNow();
            return null;
        }
        finally
        {
            attachment.WriteLock.Release();
        }
    }

    public Stream OpenRead(StoredAttachment attachment) =>
        new FileStream(attachment.FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, BufferSize, useAsync: true);

    public void Dispose()
    {
        if (_ownsFolder && Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    private void Remove(StoredAttachment attachment)
    {
        _attachments.TryRemove(attachment.Id, out _);
        File.Delete(attachment.FilePath);
    }

    private async Task<long> CopyAsync(Stream body, string path, bool append, long limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferSize];
        long total = 0;
        await using var file = new FileStream(
            path, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read, BufferSize, useAsync: true);

        int read;
        while (total < limit && (read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await file.WriteAsync(buffer.AsMemory(0, read), CancellationToken.None);
            total += read;
            _counters.AddUploadBytes(read);
        }

        return total;
    }
}
