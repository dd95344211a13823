namespace AttachmentSync.AzureDevOps.Models;

/// <summary>Result of a flat WIQL query: ids only, plus the server time the query ran at.</summary>
public sealed record WiqlResult
{
    public DateTimeOffset? AsOf { get; init; }

    public List<WorkItemReference> WorkItems { get; init; } = [];
}

/// <summary>A work item id and URL as WIQL returns them.</summary>
public sealed record WorkItemReference(int Id, string? Url);
