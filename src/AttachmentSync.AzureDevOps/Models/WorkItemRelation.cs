using System.Text.Json;

namespace AttachmentSync.AzureDevOps.Models;

/// <summary>
/// One link of a work item. For attachments <c>rel</c> is <c>AttachedFile</c>, the URL ends with the
/// attachment GUID, and the attributes carry <c>name</c>, <c>resourceSize</c> and <c>comment</c>.
/// </summary>
public sealed record WorkItemRelation
{
    public const string AttachedFileRel = "AttachedFile";

    public string Rel { get; init; } = "";

    public string Url { get; init; } = "";

    public Dictionary<string, JsonElement>? Attributes { get; init; }

    public bool IsAttachedFile => string.Equals(Rel, AttachedFileRel, StringComparison.Ordinal);

    /// <summary>The attachment GUID: the last path segment of the URL, ignoring any query string.</summary>
    public Guid? AttachmentId
    {
        get
        {
            if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri))
            {
                return null;
            }

            var last = uri.Segments.Length > 0 ? uri.Segments[^1].TrimEnd('/') : "";
            return Guid.TryParse(last, out var id) ? id : null;
        }
    }

    public string? Name => GetString("name");

    public string? Comment => GetString("comment");

    public long? ResourceSize =>
        Attributes?.TryGetValue("resourceSize", out var value) == true && value.ValueKind == JsonValueKind.Number
            ? value.GetInt64()
            : null;

    private string? GetString(string key) =>
        Attributes?.TryGetValue(key, out var value) == true && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
