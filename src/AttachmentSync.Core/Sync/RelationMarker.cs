using AttachmentSync.AzureDevOps.Models;

namespace AttachmentSync.Core.Sync;

/// <summary>
/// The comment this service writes on the relations it creates, <c>AttachmentSync sha256:{hex}</c>. It
/// tells reconciliation which content a relation carries without downloading it, even when the ledger
/// does not know the relation's GUID (for example after restoring an older database).
/// </summary>
public static class RelationMarker
{
    private const string Prefix = "AttachmentSync sha256:";

    public static string For(string sha256) => Prefix + sha256;

    /// <summary>Returns the SHA-256 named in the relation's comment, or null when the comment has no marker.</summary>
    public static string? ReadSha256(WorkItemRelation relation)
    {
        var comment = relation.Comment;
        var start = comment?.IndexOf(Prefix, StringComparison.Ordinal) ?? -1;
        if (start < 0 || comment!.Length < start + Prefix.Length + 64)
        {
            return null;
        }

        var sha256 = comment.Substring(start + Prefix.Length, 64);
        return Content.ContentHash.IsValid(sha256) ? sha256 : null;
    }
}
