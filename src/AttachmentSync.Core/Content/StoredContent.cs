namespace AttachmentSync.Core.Content;

/// <summary>Content written to the store: its key (the lower-case hex SHA-256) and its length in bytes.</summary>
public sealed record StoredContent(string Sha256, long Length);
