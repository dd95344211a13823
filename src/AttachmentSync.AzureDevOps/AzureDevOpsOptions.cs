namespace AttachmentSync.AzureDevOps;

/// <summary>
/// Connection to one Azure DevOps organization or collection (configuration section <c>AzureDevOps</c>).
/// </summary>
public sealed class AzureDevOpsOptions
{
    public const string SectionName = "AzureDevOps";

    /// <summary>
    /// Organization or collection URL, such as <c>https://dev.azure.com/contoso</c> or
    /// <c>https://tfs.example.com/DefaultCollection</c> (environment variable <c>AZDO_ORG_URL</c>).
    /// </summary>
    public Uri? OrganizationUrl { get; set; }

    /// <summary>Project name or id (environment variable <c>AZDO_PROJECT</c>).</summary>
    public string Project { get; set; } = "";

    /// <summary>Personal access token, sent as the Basic password (environment variable <c>AZDO_PAT</c>).</summary>
    public string Pat { get; set; } = "";

    /// <summary>REST api-version sent on every call. Default 7.1 (Azure DevOps Services and Server 2022.1+).</summary>
    public string ApiVersion { get; set; } = "7.1";

    /// <summary>Files larger than this many bytes go up in chunks. Default 8 MiB.</summary>
    public long ChunkedUploadThreshold { get; set; } = 8 * 1024 * 1024;

    /// <summary>Size of one chunk in bytes. Default 4 MiB.</summary>
    public int ChunkSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Time allowed for one HTTP attempt, including sending one chunk. Default 100 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Retries of idempotent reads (GET) on transient errors within one call. Default 2.</summary>
    public int ReadRetries { get; set; } = 2;
}
