using System.Text.Json;

namespace AttachmentSync.AzureDevOps.Models;

/// <summary>A work item as returned with <c>$expand=relations</c>.</summary>
public sealed record WorkItem
{
    public int Id { get; init; }

    public int Rev { get; init; }

    public Dictionary<string, JsonElement> Fields { get; init; } = [];

    public List<WorkItemRelation>? Relations { get; init; }

    public string? Url { get; init; }

    /// <summary>Returns the AttachedFile relations with their index in <see cref="Relations"/>.</summary>
    public IEnumerable<(int Index, WorkItemRelation Relation)> AttachedFiles()
    {
        var relations = Relations ?? [];
        for (var i = 0; i < relations.Count; i++)
        {
            if (relations[i].IsAttachedFile)
            {
                yield return (i, relations[i]);
            }
        }
    }
}
