using System.Text.Json.Serialization;

namespace AttachmentSync.AzureDevOps.Models;

/// <summary>One RFC 6902 operation of a work item PATCH (<c>application/json-patch+json</c>).</summary>
public sealed record JsonPatchOperation(
    string Op,
    string Path,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] object? Value = null)
{
    public static JsonPatchOperation TestRev(int rev) => new("test", "/rev", rev);

    public static JsonPatchOperation RemoveRelation(int index) => new("remove", $"/relations/{index}");

    public static JsonPatchOperation AddAttachedFile(string url, string comment) =>
        new("add", "/relations/-", new
        {
            rel = WorkItemRelation.AttachedFileRel,
            url,
            attributes = new { comment },
        });

    public static JsonPatchOperation AddField(string field, object value) => new("add", $"/fields/{field}", value);
}
