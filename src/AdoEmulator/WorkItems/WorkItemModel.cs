using System.Text.Json.Nodes;

namespace AdoEmulator.WorkItems;

/// <summary>A link of a work item: AttachedFile, a work-item link type or a hyperlink.</summary>
internal sealed record WorkItemRelation(string Rel, string Url, JsonObject Attributes)
{
    public WorkItemRelation Copy() => this with { Attributes = (JsonObject)Attributes.DeepClone() };

    public bool IsAttachment => Rel.Equals("AttachedFile", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The full state of a work item at one revision. Immutable once stored.</summary>
internal sealed record WorkItemSnapshot(
    int Id,
    int Rev,
    IReadOnlyDictionary<string, JsonNode?> Fields,
    IReadOnlyList<WorkItemRelation> Relations)
{
    public string? Field(string name) =>
        Fields.TryGetValue(name, out var value) && value is JsonValue v ? v.ToString() : null;
}

/// <summary>Old and new value of one field in one update. A missing side is null.</summary>
internal sealed record FieldChange(JsonNode? OldValue, JsonNode? NewValue, bool HasOld, bool HasNew);

/// <summary>One entry of a work item's update history (the WorkItemUpdate resource).</summary>
internal sealed record WorkItemUpdate(
    int Id,
    int WorkItemId,
    int Rev,
    IReadOnlyDictionary<string, FieldChange> Fields,
    IReadOnlyList<WorkItemRelation> Added,
    IReadOnlyList<WorkItemRelation> Removed,
    IReadOnlyList<WorkItemRelation> Updated);

/// <summary>A work item with all its revisions and updates. Guarded by the store's lock.</summary>
internal sealed class WorkItemRecord(int id)
{
    public int Id { get; } = id;

    public List<WorkItemSnapshot> Revisions { get; } = [];

    public List<WorkItemUpdate> Updates { get; } = [];

    public bool IsDeleted { get; set; }

    public WorkItemSnapshot Current => Revisions[^1];
}
