using AttachmentSync.Core.Attachments;

namespace AttachmentSync.Storage.Sqlite;

/// <summary>Column-for-column shape of <c>attachment_sync_metadata</c>, for Dapper.</summary>
internal sealed class AttachmentRow
{
    public string id { get; set; } = "";
    public long work_item_id { get; set; }
    public string? attachment_guid { get; set; }
    public string file_name { get; set; } = "";
    public long? file_size { get; set; }
    public string? content_type { get; set; }
    public string? sha256_hash { get; set; }
    public string source { get; set; } = "";
    public string? ado_attachment_url { get; set; }
    public string? local_file_path { get; set; }
    public string sync_status { get; set; } = "";
    public string? status_reason { get; set; }
    public string created_at { get; set; } = "";
    public string updated_at { get; set; } = "";
    public string? deleted_at { get; set; }
    public long? relation_rev { get; set; }
    public string? chunked_upload_guid { get; set; }
    public long? chunked_upload_offset { get; set; }
    public string? content_purged_at { get; set; }

    public AttachmentRecord ToRecord() => new()
    {
        Id = Guid.Parse(id),
        WorkItemId = checked((int)work_item_id),
        AdoAttachmentId = attachment_guid is null ? null : Guid.Parse(attachment_guid),
        FileName = file_name,
        FileSize = file_size,
        ContentType = content_type,
        Sha256 = sha256_hash,
        Source = Enum.Parse<AttachmentSource>(source, ignoreCase: true),
        AdoAttachmentUrl = ado_attachment_url,
        State = Enum.Parse<SyncState>(sync_status, ignoreCase: true),
        StateReason = status_reason,
        CreatedAt = SqliteDatabase.ParseTime(created_at),
        UpdatedAt = SqliteDatabase.ParseTime(updated_at),
        DeletedAt = SqliteDatabase.ParseTimeOrNull(deleted_at),
        RelationRev = relation_rev is null ? null : checked((int)relation_rev),
        ChunkedUploadId = chunked_upload_guid is null ? null : Guid.Parse(chunked_upload_guid),
        ChunkedUploadOffset = chunked_upload_offset,
        ContentPurgedAt = SqliteDatabase.ParseTimeOrNull(content_purged_at),
    };

    public static object Parameters(AttachmentRecord record) => new
    {
        id = record.Id.ToString(),
        work_item_id = record.WorkItemId,
        attachment_guid = record.AdoAttachmentId?.ToString(),
        file_name = record.FileName,
        file_size = record.FileSize,
        content_type = record.ContentType,
        sha256_hash = record.Sha256,
        source = record.Source.ToString().ToUpperInvariant(),
        ado_attachment_url = record.AdoAttachmentUrl,
        local_file_path = record.Sha256 is { } sha ? $"{sha[..2]}/{sha[2..4]}/{sha}" : null,
        sync_status = record.State.ToString().ToUpperInvariant(),
        status_reason = record.StateReason,
        created_at = SqliteDatabase.FormatTime(record.CreatedAt),
        updated_at = SqliteDatabase.FormatTime(record.UpdatedAt),
        deleted_at = record.DeletedAt is { } deleted ? SqliteDatabase.FormatTime(deleted) : null,
        relation_rev = record.RelationRev,
        chunked_upload_guid = record.ChunkedUploadId?.ToString(),
        chunked_upload_offset = record.ChunkedUploadOffset,
        content_purged_at = record.ContentPurgedAt is { } purged ? SqliteDatabase.FormatTime(purged) : null,
    };
}
