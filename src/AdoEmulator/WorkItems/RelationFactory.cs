using System.Text.Json;
using System.Text.Json.Nodes;
using AdoEmulator.Attachments;
using AdoEmulator.Infrastructure;

namespace AdoEmulator.WorkItems;

/// <summary>
/// Builds a stored relation from the value of an <c>add /relations/-</c> operation. An AttachedFile relation keeps
/// its URL without the query string and gains <c>name</c> (from <c>?fileName=</c>, else the uploaded name),
/// <c>resourceSize</c>, an integer <c>id</c> and the authorized, created, modified and revised dates.
/// </summary>
internal sealed class RelationFactory(AttachmentStore attachments, TimeProvider time)
{
    public (WorkItemRelation? Relation, AdoError? Error) Create(WorkItemDraft draft, JsonNode? value)
    {
        var rel = ReadString(value, "rel");
        var url = ReadString(value, "url");
        if (rel is null || url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return (null, AdoErrors.PatchFailed("A relation needs 'rel' and an absolute 'url'."));
        }

        var attributes = value!["attributes"] as JsonObject is { } given ? (JsonObject)given.DeepClone() : [];
        if (!rel.Equals("AttachedFile", StringComparison.OrdinalIgnoreCase))
        {
            attributes.TryAdd("isLocked", false);
            return (new WorkItemRelation(rel, url, attributes), null);
        }

        return CreateAttachedFile(draft, uri, attributes);
    }

    private (WorkItemRelation? Relation, AdoError? Error) CreateAttachedFile(WorkItemDraft draft, Uri uri, JsonObject given)
    {
        var lastSegment = uri.Segments[^1];
        if (!Guid.TryParse(lastSegment, out var id) || !attachments.TryGet(id, out var attachment) || !attachment.IsComplete)
        {
            return (null, AdoErrors.BadRequest(
                $"TF401174: The attachment '{lastSegment}' in the relation URL was not found or its upload is incomplete.",
                "AttachmentNotFoundException"));
        }

        var duplicate = draft.Relations.Any(r => r.IsAttachment && r.Url.EndsWith(id.ToString(), StringComparison.OrdinalIgnoreCase));
        if (duplicate)
        {
            return (null, AdoErrors.BadRequest(
                $"VS402625: The attachment {id} is already linked to work item {draft.Id}.", "RuleValidationException"));
        }

        var fileName = System.Web.HttpUtility.ParseQueryString(uri.Query)["fileName"] ?? attachment.FileName ?? id.ToString();
        var now = AdoJson.Date(time.GetUtcNow());
        var attributes = new JsonObject
        {
            ["authorizedDate"] = now,
            ["id"] = attachment.FileId,
            ["resourceCreatedDate"] = AdoJson.Date(attachment.Created),
            ["resourceModifiedDate"] = AdoJson.Date(attachment.Modified),
            ["revisedDate"] = AdoJson.EndOfTime,
            ["resourceSize"] = attachment.Length,
        };

        if (given["comment"] is JsonValue comment)
        {
            attributes["comment"] = comment.DeepClone();
        }

        attributes["name"] = given["name"] is JsonValue name ? name.DeepClone() : fileName;
        var url = uri.GetLeftPart(UriPartial.Path);
        return (new WorkItemRelation("AttachedFile", url, attributes), null);
    }

    private static string? ReadString(JsonNode? node, string name) =>
        node is JsonObject obj && obj[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : null;
}
