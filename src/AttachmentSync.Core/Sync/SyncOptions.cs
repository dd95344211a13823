namespace AttachmentSync.Core.Sync;

/// <summary>Behaviour of the sync engine (configuration section <c>Sync</c>).</summary>
public sealed class SyncOptions
{
    public const string SectionName = "Sync";

    /// <summary>Jobs run at the same time. Default 4.</summary>
    public int Workers { get; set; } = 4;

    /// <summary>Durable attempts before a job with transient failures is given up. Default 12.</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>First durable retry delay; each later one doubles, with full jitter. Default 2 seconds.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest computed durable retry delay. Default 10 minutes.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>In-process retries of one job run before it goes back to the queue. Default 2; 0 turns them off.</summary>
    public int InlineRetries { get; set; } = 2;

    /// <summary>First in-process retry delay; later ones double, with jitter. Default 250 milliseconds.</summary>
    public TimeSpan InlineRetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Longest wait an in-process retry makes, including a wait Azure DevOps asked for; a longer requested
    /// wait sends the job back to the queue. Default 2 seconds.
    /// </summary>
    public TimeSpan InlineRetryMaxWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a claimed job stays leased to its worker. The worker renews the lease every third of this
    /// while the job runs, so it bounds how long a job of a killed process waits before another worker takes
    /// it. Default 1 minute.
    /// </summary>
    public TimeSpan JobLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long an upload request waits for Azure DevOps before it returns 202 with the pending record.
    /// Default 20 seconds.
    /// </summary>
    public TimeSpan UploadResponseWait { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Largest file accepted from the tool, in bytes. Default 4 GiB.</summary>
    public long MaxUploadBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>
    /// Whether a webhook delivery starts a sync of its work item (<c>ATTACHMENT_AUTO_SYNC_ON_WEBHOOK</c>).
    /// When false, deliveries are only stored. Default true.
    /// </summary>
    public bool AutoSyncOnWebhook { get; set; } = true;

    /// <summary>
    /// Time between reconciliation sweeps, which compare every changed work item in scope with the ledger
    /// and repair what a missed webhook left behind. Default 5 minutes; zero turns the sweep off.
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How far before the stored watermark a sweep looks again for changed work items, to cover clock skew
    /// and changes saved while the last sweep ran. Default 2 minutes.
    /// </summary>
    public TimeSpan SweepOverlap { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// WIQL condition that brings work items into the sweep beyond those the service already touched, such
    /// as <c>[System.WorkItemType] = 'Bug' AND [System.State] &lt;&gt; 'Closed'</c>, applied within the
    /// configured project. Empty (default): only touched work items are swept.
    /// </summary>
    public string? SweepWiqlFilter { get; set; }

    /// <summary>
    /// How long the content of a soft-deleted record stays in the store before it is purged, if no live
    /// record uses the same content. Default 30 days.
    /// </summary>
    public TimeSpan DeletedContentRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Largest share (0 to 1) of one work item's live attachments that one reconciliation may soft-delete
    /// because their relations disappeared. Above it nothing is deleted and the records carry the reason.
    /// Default 0.5.
    /// </summary>
    public double MaxDeleteShare { get; set; } = 0.5;

    /// <summary>
    /// Deletions in one reconciliation of one work item that are always allowed, whatever their share, so a
    /// work item with one or two files can lose them. Default 2.
    /// </summary>
    public int DeleteGuardMinimum { get; set; } = 2;
}
