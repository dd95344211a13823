namespace AdoEmulator.Attachments;

/// <summary>An uploaded attachment: its bytes live in <see cref="FilePath"/>, never in memory.</summary>
internal sealed class StoredAttachment(Guid id, int fileId, string? fileName, string filePath, DateTimeOffset created)
{
    public Guid Id { get; } = id;

    /// <summary>Integer file id, reported as <c>attributes.id</c> of AttachedFile relations.</summary>
    public int FileId { get; } = fileId;

    public string? FileName { get; set; } = fileName;

    public string FilePath { get; } = filePath;

    public DateTimeOffset Created { get; } = created;

    public DateTimeOffset Modified { get; set; } = created;

    /// <summary>Bytes stored so far.</summary>
    public long Length { get; set; }

    /// <summary>True once all bytes arrived: at once for simple uploads, after the last chunk for chunked ones.</summary>
    public bool IsComplete { get; set; }

    /// <summary>Total size announced by the Content-Range of the first chunk, or null for simple uploads.</summary>
    public long? ChunkedTotal { get; set; }

    /// <summary>Serializes chunk writes to the same attachment.</summary>
    public SemaphoreSlim WriteLock { get; } = new(1, 1);
}
