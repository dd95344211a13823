using System.Text.Json.Nodes;

namespace AdoEmulator.WorkItems;

/// <summary>Computes the old/new field pairs of a WorkItemUpdate between two revisions.</summary>
internal static class FieldDiff
{
    public static IReadOnlyDictionary<string, FieldChange> Between(WorkItemSnapshot? previous, WorkItemSnapshot current)
    {
        var changes = new Dictionary<string, FieldChange>(StringComparer.OrdinalIgnoreCase);
        var before = previous?.Fields ?? new Dictionary<string, JsonNode?>();

        foreach (var (name, value) in current.Fields)
        {
            var hadOld = before.TryGetValue(name, out var old);
            if (!hadOld || !JsonNode.DeepEquals(old, value))
            {
                changes[name] = new FieldChange(old, value, hadOld, HasNew: true);
            }
        }

        foreach (var (name, old) in before)
        {
            if (!current.Fields.ContainsKey(name) && name != WorkItemFields.History)
            {
                changes[name] = new FieldChange(old, null, HasOld: true, HasNew: false);
            }
        }

        return changes;
    }
}
