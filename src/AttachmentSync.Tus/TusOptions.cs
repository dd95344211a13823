namespace AttachmentSync.Tus;

/// <summary>
/// Settings of the tus endpoint, bound from the <c>Tus</c> configuration section.
/// </summary>
public sealed class TusOptions
{
    /// <summary>Configuration section these options are bound from.</summary>
    public const string SectionName = "Tus";

    /// <summary>
    /// Directory that contains the data and info files of every upload. Required; created at start-up if missing.
    /// </summary>
    public string Directory { get; set; } = string.Empty;

    /// <summary>
    /// Maximum Upload-Length in bytes, sent as Tus-Max-Size. Default 10 GiB.
    /// </summary>
    public long MaxSize { get; set; } = 10L * 1024 * 1024 * 1024;

    /// <summary>
    /// Time after the last write at which an upload expires and its files may be removed. Default 24 hours.
    /// </summary>
    public TimeSpan Expiration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Upload-Metadata keys that every creation request must carry with a non-empty value. Default none.
    /// </summary>
    public IList<string> RequiredMetadataKeys { get; } = [];
}
