using AttachmentSync.Core.Content;

namespace AttachmentSync.Core.Uploads;

/// <summary>
/// An upload read by <see cref="JsonBase64UploadReader"/>: the stored file and the other properties of the body,
/// keyed by their exact (case-sensitive) names.
/// </summary>
public sealed record JsonUploadResult(StoredContent Content, IReadOnlyDictionary<string, JsonUploadValue> Properties);
