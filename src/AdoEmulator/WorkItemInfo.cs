using AdoEmulator.WorkItems;

namespace AdoEmulator;

/// <summary>Read-only view of a work item for in-process inspection.</summary>
public sealed record WorkItemInfo(
    int Id, int Rev, IReadOnlyDictionary<string, string?> Fields, IReadOnlyList<WorkItemRelationInfo> Relations)
{
    internal static WorkItemInfo From(WorkItemSnapshot item) => new(
        item.Id,
        item.Rev,
        item.Fields.ToDictionary(f => f.Key, f => f.Value?.ToString(), StringComparer.OrdinalIgnoreCase),
        item.Relations.Select(r => new WorkItemRelationInfo(r.Rel, r.Url, r.Attributes.ToJsonString())).ToList());
}

/// <summary>A relation of <see cref="WorkItemInfo"/>, with its attributes object as JSON text.</summary>
public sealed record WorkItemRelationInfo(string Rel, string Url, string AttributesJson);
