using AttachmentSync.Core.Content;

namespace AttachmentSync.Server.Uploads;

/// <summary>
/// A file the tool sent, after its bytes were stored: the content plus the raw form values that describe it,
/// still to be validated.
/// </summary>
public sealed record UploadedFile(StoredContent Content, string? WorkItemId, string? FileName, string? ContentType);
