namespace AttachmentSync.Core.Content;

/// <summary>
/// Content-addressed file store. The key is the SHA-256 of the bytes; a user's file name never reaches a path.
/// </summary>
public interface IContentStore
{
    /// <summary>
    /// Streams <paramref name="content"/> into the store while hashing it. Stores nothing new when the same
    /// content is already present. Throws <see cref="ContentTooLargeException"/> past <paramref name="maxLength"/>.
    /// </summary>
    Task<StoredContent> WriteAsync(Stream content, long maxLength, CancellationToken cancellationToken);

    /// <summary>
    /// Hashes a finished file and moves it into the store (copies it when it sits on another volume).
    /// The source file is gone afterwards.
    /// </summary>
    Task<StoredContent> ImportFileAsync(string path, CancellationToken cancellationToken);

    bool Exists(string sha256);

    /// <summary>Opens the content for reading, or returns null when it is not stored.</summary>
    Stream? OpenRead(string sha256);

    Task DeleteAsync(string sha256, CancellationToken cancellationToken);
}
