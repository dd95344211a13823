namespace AttachmentSync.Server.Configuration;

/// <summary>Where the service keeps its data (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>SQLite database file (<c>ATTACHMENT_SYNC_DB_PATH</c>). Default <c>./data/attachment-sync.db</c>.</summary>
    public string DatabasePath { get; set; } = "./data/attachment-sync.db";

    /// <summary>Root of the content-addressed file store (<c>ATTACHMENT_STORAGE_PATH</c>). Default <c>./attachments</c>.</summary>
    public string ContentPath { get; set; } = "./attachments";
}
