using AttachmentSync.Core.Jobs;

namespace AttachmentSync.Storage.Sqlite;

/// <summary>Column-for-column shape of <c>sync_job_queue</c>, for Dapper.</summary>
internal sealed class JobRow
{
    public long id { get; set; }
    public string job_type { get; set; } = "";
    public string status { get; set; } = "";
    public long priority { get; set; }
    public long work_item_id { get; set; }
    public string? attachment_id { get; set; }
    public long retry_count { get; set; }
    public string next_retry_at { get; set; } = "";
    public string? lease_owner { get; set; }
    public string? lease_expires_at { get; set; }
    public string? last_error { get; set; }
    public string created_at { get; set; } = "";

    public SyncJob ToJob() => new()
    {
        Id = id,
        Type = Enum.Parse<SyncJobType>(job_type, ignoreCase: true),
        Status = Enum.Parse<SyncJobStatus>(status, ignoreCase: true),
        Priority = (int)priority,
        WorkItemId = checked((int)work_item_id),
        AttachmentId = attachment_id is null ? null : Guid.Parse(attachment_id),
        Attempts = (int)retry_count,
        NextRunAt = SqliteDatabase.ParseTime(next_retry_at),
        LeaseOwner = lease_owner,
        LeaseExpiresAt = SqliteDatabase.ParseTimeOrNull(lease_expires_at),
        LastError = last_error,
        CreatedAt = SqliteDatabase.ParseTime(created_at),
    };

    public static object Parameters(SyncJob job, DateTimeOffset now) => new
    {
        job_type = job.Type.ToString().ToUpperInvariant(),
        status = job.Status.ToString().ToUpperInvariant(),
        priority = job.Priority,
        work_item_id = job.WorkItemId,
        attachment_id = job.AttachmentId?.ToString(),
        next_retry_at = SqliteDatabase.FormatTime(job.NextRunAt),
        now = SqliteDatabase.FormatTime(now),
    };
}
