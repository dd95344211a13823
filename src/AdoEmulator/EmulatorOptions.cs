namespace AdoEmulator;

/// <summary>
/// Settings of the emulated Azure DevOps organization, bound from the configuration section <c>Emulator</c>.
/// </summary>
public sealed class EmulatorOptions
{
    /// <summary>Name of the configuration section the options are bound from.</summary>
    public const string SectionName = "Emulator";

    /// <summary>Organization (collection) name, the first path segment of every API route. Default "emulator".</summary>
    public string Organization { get; set; } = "emulator";

    /// <summary>Name of the single project the emulator hosts. Default "Demo".</summary>
    public string Project { get; set; } = "Demo";

    /// <summary>Personal access token every request must carry as the Basic password. Empty generates one at start.</summary>
    public string Pat { get; set; } = "";

    /// <summary>
    /// Maximum attachment size in bytes. Default 62,914,560 (60 MiB), the Azure DevOps Services limit.
    /// Azure DevOps Server defaults to 4 MB and allows up to 2 GB.
    /// </summary>
    public long MaxAttachmentSize { get; set; } = 60 * 1024 * 1024;

    /// <summary>Maximum number of AttachedFile relations on one work item. Default 100, as on Azure DevOps Services.</summary>
    public int MaxAttachmentsPerWorkItem { get; set; } = 100;

    /// <summary>
    /// Size in bytes above which clients are expected to use chunked upload. Default 136,314,880 (130 MiB), the
    /// threshold the REST reference names. The emulator reports it but accepts simple uploads up to
    /// <see cref="MaxAttachmentSize"/>, as the real service does.
    /// </summary>
    public long SimpleUploadMaxSize { get; set; } = 130 * 1024 * 1024;

    /// <summary>Key accepted by the fault admin API besides the PAT. Null accepts only the PAT.</summary>
    public string? AdminKey { get; set; }

    /// <summary>
    /// Factor applied to the hook retry waits of 1, 2, 4, 8, 16, 32, 60 and 60 seconds. Default 1.0 (real time).
    /// </summary>
    public double HookRetryScale { get; set; } = 1.0;

    /// <summary>
    /// Factor applied to the probation retry waits of 20 min, 40 min, 1h20, 2h40, 5h20, 10h40 and 15 h. Default 1.0.
    /// </summary>
    public double HookProbationScale { get; set; } = 1.0;

    /// <summary>Time a hook delivery may take before it counts as failed with 408. Default 30 seconds.</summary>
    public TimeSpan HookDeliveryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Folder for attachment bytes. Null uses a new folder under the system temp path, deleted at stop.</summary>
    public string? StoragePath { get; set; }
}
