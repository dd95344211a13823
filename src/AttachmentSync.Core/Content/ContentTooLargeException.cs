namespace AttachmentSync.Core.Content;

/// <summary>Raised when a body is longer than the configured upload limit.</summary>
public sealed class ContentTooLargeException(long maxLength)
    : Exception($"The content is larger than the limit of {maxLength} bytes.")
{
    public long MaxLength { get; } = maxLength;
}
