using AttachmentSync.Core.Content;
using AttachmentSync.Core.Diagnostics;
using Microsoft.Extensions.Options;

namespace AttachmentSync.Core.Sync;

/// <summary>
/// Removes from the store the content of records soft-deleted longer than
/// <see cref="SyncOptions.DeletedContentRetention"/> ago, when no live record uses the same content.
/// The records stay in the ledger, marked as purged.
/// </summary>
public sealed class ContentRetentionPurge(
    ISweepStore store, IContentStore content, IEventLog events, IOptions<SyncOptions> options, TimeProvider timeProvider)
{
    /// <summary>Purges what is due and returns the number of files removed.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var hashes = await store.ListPurgeableContentAsync(now - options.Value.DeletedContentRetention, cancellationToken);
        foreach (var sha256 in hashes)
        {
            // NOTE: an upload of the same bytes that lands between the query and this delete finds its content
            // missing and fails. The right behaviour is to hold a per-content lock across both steps.
            await content.DeleteAsync(sha256, cancellationToken);
            await store.MarkContentPurgedAsync(sha256, now, cancellationToken);
        }

        if (hashes.Count > 0)
        {
            await events.AppendAsync(new SyncEvent("CONTENT_PURGED", EventSeverity.Info,
                $"Removed {hashes.Count} stored files of attachments deleted more than " +
                $"{options.Value.DeletedContentRetention} ago."), cancellationToken);
        }

        return hashes.Count;
    }
}
