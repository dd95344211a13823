using System.Globalization;
using System.Text.Json.Nodes;
using AdoEmulator.Infrastructure;

namespace AdoEmulator.WorkItems;

/// <summary>
/// Applies JSON Patch operations to a work-item draft in order. Supported paths: <c>/fields/{ref}</c>,
/// <c>/relations/-</c>, <c>/relations/{index}</c>, <c>/relations/{index}/attributes/{name}</c> and, for test only,
/// <c>/rev</c> and <c>/id</c>. The caller stores nothing when an error is returned, so a patch is all or nothing.
/// </summary>
internal sealed class PatchApplier(RelationFactory relations)
{
    public AdoError? Apply(WorkItemDraft draft, IEnumerable<PatchOperation> operations)
    {
        foreach (var operation in operations)
        {
            var error = ApplyOne(draft, operation);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private AdoError? ApplyOne(WorkItemDraft draft, PatchOperation operation)
    {
        var segments = operation.Path.Trim('/').Split('/', 2);
        var target = segments[0].ToLowerInvariant();

        if (operation.Op is "move" or "copy")
        {
            return AdoErrors.PatchFailed($"The '{operation.Op}' operation is not supported by the emulator.");
        }

        return target switch
        {
            "rev" or "id" when operation.Op == "test" => TestNumber(operation, target == "rev" ? draft.Rev : draft.Id),
            "fields" when segments.Length == 2 => ApplyField(draft, operation, segments[1]),
            "relations" when segments.Length == 2 => ApplyRelation(draft, operation, segments[1]),
            _ => AdoErrors.PatchFailed(
                $"The path '{operation.Path}' of the '{operation.Op}' operation is invalid. Expected /fields/{{name}}, " +
                "/relations/- or /relations/{index}."),
        };
    }

    private static AdoError? TestNumber(PatchOperation operation, int current)
    {
        var expected = operation.Value?.ToString();
        return expected == current.ToString(CultureInfo.InvariantCulture)
            ? null
            : AdoErrors.TestFailed(operation.Path, current.ToString(CultureInfo.InvariantCulture), expected);
    }

    private static AdoError? ApplyField(WorkItemDraft draft, PatchOperation operation, string name)
    {
        var exists = draft.Fields.TryGetValue(name, out var current);
        if (operation.Op == "test")
        {
            return JsonNode.DeepEquals(current, operation.Value)
                ? null
                : AdoErrors.TestFailed(operation.Path, current?.ToJsonString(), operation.Value?.ToJsonString());
        }

        if (WorkItemFields.ReadOnly.Contains(name))
        {
            return AdoErrors.BadRequest(
                $"TF51535: The field '{name}' is read-only and cannot be changed.", "WorkItemFieldInvalidException");
        }

        if (operation.Op == "remove")
        {
            draft.Fields.Remove(name);
            return null;
        }

        if (operation.Op == "replace" && !exists)
        {
            return AdoErrors.PatchFailed($"The field '{name}' has no value to replace. Use the 'add' operation.");
        }

        draft.Fields[name] = operation.Value;
        return null;
    }

    private AdoError? ApplyRelation(WorkItemDraft draft, PatchOperation operation, string rest)
    {
        var parts = rest.Split('/');
        if (parts[0] == "-" && parts.Length == 1 && operation.Op == "add")
        {
            var (relation, error) = relations.Create(draft, operation.Value);
            if (relation is not null)
            {
                draft.Relations.Add(relation);
                draft.Added.Add(relation);
            }

            return error;
        }

        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || index >= draft.Relations.Count)
        {
            return AdoErrors.PatchFailed(
                $"The relation index in path '{operation.Path}' is invalid. The work item has {draft.Relations.Count} relations.");
        }

        if (parts.Length == 1)
        {
            return ApplyWholeRelation(draft, operation, index);
        }

        if (parts.Length == 3 && parts[1].Equals("attributes", StringComparison.OrdinalIgnoreCase) && operation.Op != "test")
        {
            var updated = draft.Relations[index].Copy();
            if (operation.Op == "remove")
            {
                updated.Attributes.Remove(parts[2]);
            }
            else
            {
                updated.Attributes[parts[2]] = operation.Value;
            }

            draft.Relations[index] = updated;
            draft.Updated.Add(updated);
            return null;
        }

        return AdoErrors.PatchFailed($"The path '{operation.Path}' is not supported for '{operation.Op}'.");
    }

    private AdoError? ApplyWholeRelation(WorkItemDraft draft, PatchOperation operation, int index)
    {
        switch (operation.Op)
        {
            case "remove":
                draft.Removed.Add(draft.Relations[index]);
                draft.Relations.RemoveAt(index);
                return null;
            case "replace":
                var (relation, error) = relations.Create(draft, operation.Value);
                if (relation is null)
                {
                    return error;
                }

                draft.Removed.Add(draft.Relations[index]);
                draft.Relations[index] = relation;
                draft.Added.Add(relation);
                return null;
            default:
                return AdoErrors.PatchFailed($"The '{operation.Op}' operation is not supported on '{operation.Path}'.");
        }
    }
}
