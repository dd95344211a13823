using System.Text.Json.Nodes;

namespace AdoEmulator.WorkItems;

/// <summary>The mutable copy of a work item that a patch is applied to before it is stored as a new revision.</summary>
internal sealed class WorkItemDraft
{
    public WorkItemDraft(int id, int rev, IReadOnlyDictionary<string, JsonNode?> fields, IEnumerable<WorkItemRelation> relations)
    {
        Id = id;
        Rev = rev;
        Fields = new Dictionary<string, JsonNode?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in fields)
        {
            Fields[name] = value?.DeepClone();
        }

        Relations = relations.Select(r => r.Copy()).ToList();
    }

    public int Id { get; }

    public int Rev { get; }

    public Dictionary<string, JsonNode?> Fields { get; }

    public List<WorkItemRelation> Relations { get; }

    public List<WorkItemRelation> Added { get; } = [];

    public List<WorkItemRelation> Removed { get; } = [];

    public List<WorkItemRelation> Updated { get; } = [];

    public WorkItemSnapshot ToSnapshot(int rev) => new(
        Id, rev, new Dictionary<string, JsonNode?>(Fields, StringComparer.OrdinalIgnoreCase), Relations.ToList());
}
