using System.ComponentModel.DataAnnotations;

namespace AttachmentSync.Core.Sync;

/// <summary>Behaviour of the sync engine (configuration section <c>Sync</c>).</summary>
public sealed class SyncOptions
{
    public const string SectionName = "Sync";

    /// <summary>Jobs run at the same time. Default 4.</summary>
    [Range(1, 64)]
    public int Workers { get; set; } = 4;

    /// <summary>Attempts before a job with transient failures is given up. Default 12.</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 12;

    /// <summary>First retry delay; each later one doubles, with full jitter. Default 2 seconds.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest computed retry delay. Default 10 minutes.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a claimed job stays leased to its worker before another may take it. Default 10 minutes.</summary>
    public TimeSpan JobLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long an upload request waits for Azure DevOps before it answers 202 with the pending record.
    /// Default 20 seconds.
    /// </summary>
    public TimeSpan UploadResponseWait { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Largest file accepted from the tool, in bytes. Default 4 GiB.</summary>
    [Range(0, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>
    /// Whether a webhook delivery starts a sync of its work item (<c>ATTACHMENT_AUTO_SYNC_ON_WEBHOOK</c>).
    /// When false, deliveries are only stored. Default true.
    /// </summary>
    public bool AutoSyncOnWebhook { get; set; } = true;
}
