using AttachmentSync.Core.Attachments;

namespace AttachmentSync.Server.Endpoints;

/// <summary>An attachment record as the REST API returns it.</summary>
public sealed record AttachmentResponse(
    Guid Id,
    int WorkItemId,
    string FileName,
    long? FileSize,
    string? Sha256,
    string? ContentType,
    string Source,
    string SyncStatus,
    string? StatusReason,
    Guid? AdoAttachmentId,
    string? AdoAttachmentUrl,
    string ContentUrl,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? DeletedAt)
{
    public static AttachmentResponse From(AttachmentRecord record) => new(
        record.Id,
        record.WorkItemId,
        record.FileName,
        record.FileSize,
        record.Sha256,
        record.ContentType,
        record.Source.ToString().ToUpperInvariant(),
        record.State.ToString().ToUpperInvariant(),
        record.StateReason,
        record.AdoAttachmentId,
        record.AdoAttachmentUrl,
        $"/api/sync/attachments/{record.Id}/content",
        record.CreatedAt,
        record.UpdatedAt,
        record.DeletedAt);
}
