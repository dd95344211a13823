namespace AttachmentSync.AzureDevOps.Models;

/// <summary>A project as the Core API returns it (<c>_apis/projects/{projectNameOrId}</c>).</summary>
public sealed record TeamProject
{
    public required Guid Id { get; init; }

    public required string Name { get; init; }

    public string? Url { get; init; }

    /// <summary>wellFormed, createPending, deleting, new or unchanged.</summary>
    public string? State { get; init; }

    public long Revision { get; init; }

    /// <summary>private or public.</summary>
    public string? Visibility { get; init; }

    public DateTimeOffset? LastUpdateTime { get; init; }
}
