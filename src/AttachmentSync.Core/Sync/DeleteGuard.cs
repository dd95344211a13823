using Microsoft.Extensions.Options;

namespace AttachmentSync.Core.Sync;

/// <summary>
/// Stops a reconciliation from soft-deleting a large share of one work item's attachments at once, which
/// more likely means a broken read or a mass edit than deliberate deletes. Up to
/// <see cref="SyncOptions.DeleteGuardMinimum"/> deletions always pass; above that, at most
/// <see cref="SyncOptions.MaxDeleteShare"/> of the live records may go.
/// </summary>
public sealed class DeleteGuard(IOptions<SyncOptions> options)
{
    public bool Allows(int deletions, int liveRecords)
    {
        var settings = options.Value;
        return deletions <= settings.DeleteGuardMinimum || deletions <= liveRecords * settings.MaxDeleteShare;
    }

    /// <summary>Builds the reason kept on each record the guard saved.</summary>
    public string Reason(int workItemId, int rev, int deletions, int liveRecords) =>
        $"kept: the relation is missing from work item {workItemId} at revision {rev}, but {deletions} of " +
        $"{liveRecords} attachments would be deleted at once, over Sync:MaxDeleteShare " +
        $"({options.Value.MaxDeleteShare:0.##}); delete the files in the tool to confirm, or restore the relations";
}
