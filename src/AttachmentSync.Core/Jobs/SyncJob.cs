namespace AttachmentSync.Core.Jobs;

/// <summary>One durable unit of work in <c>sync_job_queue</c>.</summary>
public sealed record SyncJob
{
    public long Id { get; init; }

    public required SyncJobType Type { get; init; }

    public SyncJobStatus Status { get; init; } = SyncJobStatus.Queued;

    public required int WorkItemId { get; init; }

    public Guid? AttachmentId { get; init; }

    /// <summary>Lower runs first.</summary>
    public int Priority { get; init; } = 100;

    /// <summary>Attempts made so far (<c>retry_count</c>).</summary>
    public int Attempts { get; init; }

    public required DateTimeOffset NextRunAt { get; init; }

    public string? LeaseOwner { get; init; }

    public DateTimeOffset? LeaseExpiresAt { get; init; }

    public string? LastError { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public static SyncJob Create(SyncJobType type, int workItemId, Guid? attachmentId, DateTimeOffset now) =>
        new() { Type = type, WorkItemId = workItemId, AttachmentId = attachmentId, NextRunAt = now, CreatedAt = now };
}
