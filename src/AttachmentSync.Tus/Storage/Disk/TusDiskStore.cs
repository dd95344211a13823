using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace AttachmentSync.Tus.Storage.Disk;

/// <summary>
/// Store that keeps each upload as a data file and a JSON info file under <see cref="TusOptions.Directory"/>.
/// Implements every optional extension.
/// </summary>
public sealed class TusDiskStore :
    ITusStore, ITusCreationStore, ITusTerminationStore, ITusExpirationStore, ITusChecksumStore
{
    private readonly DiskUploadFiles files;

    public TusDiskStore(IOptions<TusOptions> options)
    {
        files = new DiskUploadFiles(options.Value.Directory);
    }

    public IReadOnlyList<string> ChecksumAlgorithms { get; } = ["sha1", "sha256"];

    public Task<TusUpload?> GetUploadAsync(string uploadId, CancellationToken cancellationToken) =>
        files.ReadInfoAsync(uploadId, cancellationToken);

    public async Task<TusUpload> CreateAsync(TusCreateRequest request, CancellationToken cancellationToken)
    {
        var upload = new TusUpload(
            Guid.NewGuid().ToString("N"),
            request.Length,
            Offset: 0,
            request.Metadata,
            request.RawMetadata,
            request.CreatedAt,
            request.ExpiresAt,
            CompletionHandled: false);

        files.CreateDataFile(upload.Id);
        await files.WriteInfoAsync(upload, cancellationToken);
        return upload;
    }

    public Task<TusAppendResult> AppendAsync(
        string uploadId, long offset, Stream data, CancellationToken cancellationToken) =>
        DiskAppend.RunAsync(files, uploadId, offset, data, checksum: null, cancellationToken);

    public Task<TusAppendResult> AppendVerifiedAsync(
        string uploadId, long offset, Stream data, TusChecksum checksum, CancellationToken cancellationToken)
    {
        if (!ChecksumAlgorithms.Contains(checksum.Algorithm))
        {
            throw new ArgumentException($"Unsupported checksum algorithm '{checksum.Algorithm}'.", nameof(checksum));
        }

        return DiskAppend.RunAsync(files, uploadId, offset, data, checksum, cancellationToken);
    }

    public Task<Stream> OpenReadAsync(string uploadId, CancellationToken cancellationToken)
    {
        Stream stream = new FileStream(
            files.DataPath(uploadId),
            FileMode.Open,
            FileAccess.Read,
            FileShare.ReadWrite | FileShare.Delete,
            bufferSize: 81920,
            FileOptions.Asynchronous | FileOptions.SequentialScan);

        return Task.FromResult(stream);
    }

    public async Task MarkCompletionHandledAsync(string uploadId, CancellationToken cancellationToken)
    {
        var upload = await files.ReadInfoAsync(uploadId, cancellationToken);
        if (upload is not null)
        {
            await files.WriteInfoAsync(upload with { CompletionHandled = true }, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<TusUpload>> GetPendingCompletionsAsync(CancellationToken cancellationToken)
    {
        var pending = new List<TusUpload>();
        await foreach (var upload in ReadAllAsync(cancellationToken))
        {
            if (upload is { IsCompleted: true, CompletionHandled: false })
            {
                pending.Add(upload);
            }
        }

        return pending;
    }

    public Task<bool> DeleteAsync(string uploadId, CancellationToken cancellationToken) =>
        Task.FromResult(DeleteIfExists(uploadId));

    public async Task SetExpiresAtAsync(string uploadId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var upload = await files.ReadInfoAsync(uploadId, cancellationToken);
        if (upload is not null)
        {
            await files.WriteInfoAsync(upload with { ExpiresAt = expiresAt }, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<TusUpload>> GetExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expired = new List<TusUpload>();
        await foreach (var upload in ReadAllAsync(cancellationToken))
        {
            var completionPending = upload is { IsCompleted: true, CompletionHandled: false };
            if (upload.IsExpiredAt(now) && !completionPending)
            {
                expired.Add(upload);
            }
        }

        return expired;
    }

    public Task<bool> RemoveExpiredAsync(string uploadId, CancellationToken cancellationToken) =>
        Task.FromResult(DeleteIfExists(uploadId));

    private bool DeleteIfExists(string uploadId)
    {
        var existed = File.Exists(files.InfoPath(uploadId));
        files.Delete(uploadId);
        return existed;
    }

    private async IAsyncEnumerable<TusUpload> ReadAllAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var id in files.EnumerateUploadIds())
        {
            var upload = await files.ReadInfoAsync(id, cancellationToken);
            if (upload is not null)
            {
                yield return upload;
            }
        }
    }
}
