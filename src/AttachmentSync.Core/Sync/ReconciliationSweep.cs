using System.Globalization;
using AttachmentSync.AzureDevOps;
using Microsoft.Extensions.Options;

namespace AttachmentSync.Core.Sync;

/// <summary>
/// One reconciliation pass, the repair for webhooks that never arrived. It queries WIQL for the work items
/// whose <c>System.ChangedDate</c> is at or after the stored watermark minus <see cref="SyncOptions.SweepOverlap"/>,
/// keeps those the service has touched plus those matching <see cref="SyncOptions.SweepWiqlFilter"/>, reads
/// them with relations through <c>workitemsbatch</c> in pages of <see cref="AdoWorkItemsClient.MaxBatchSize"/>,
/// and applies each to the ledger with <see cref="WorkItemReconciler"/>. The new watermark is the time
/// Azure DevOps ran the query (<c>asOf</c>), saved only after every page was applied.
/// </summary>
public sealed class ReconciliationSweep(
    AdoWorkItemsClient workItems,
    WorkItemReconciler reconciler,
    ISweepStore store,
    IOptions<SyncOptions> options,
    TimeProvider timeProvider)
{
    /// <summary>Name of the watermark in <see cref="ISweepStore"/>.</summary>
    public const string WatermarkName = "workitems.changed";

    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var watermark = await store.GetWatermarkAsync(WatermarkName, cancellationToken);
        var since = watermark - settings.SweepOverlap;
        var touched = (await store.ListTouchedWorkItemIdsAsync(cancellationToken)).ToHashSet();

        var changed = await workItems.QueryAsync(BuildQuery(since, null), cancellationToken);
        var ids = changed.WorkItems.Select(reference => reference.Id).Where(touched.Contains).ToHashSet();
        if (!string.IsNullOrWhiteSpace(settings.SweepWiqlFilter))
        {
            var matching = await workItems.QueryAsync(BuildQuery(since, settings.SweepWiqlFilter), cancellationToken);
            ids.UnionWith(matching.WorkItems.Select(reference => reference.Id));
        }

        var downloads = 0;
        var ordered = ids.Order().ToList();
        foreach (var page in ordered.Chunk(AdoWorkItemsClient.MaxBatchSize))
        {
            var items = await workItems.GetBatchAsync(page, cancellationToken);
            foreach (var item in items)
            {
                downloads += (await reconciler.ApplyAsync(item, cancellationToken)).Count;
            }

            foreach (var gone in page.Except(items.Select(item => item.Id)))
            {
                await reconciler.ApplyWorkItemGoneAsync(gone, cancellationToken);
            }
        }

        await store.SetWatermarkAsync(WatermarkName, changed.AsOf ?? timeProvider.GetUtcNow(), cancellationToken);
        return new SweepResult(ordered.Count, downloads);
    }

    /// <summary>Builds the flat WIQL query of the configured project, optionally narrowed by a filter.</summary>
    public static string BuildQuery(DateTimeOffset? changedSince, string? filter)
    {
        var query = "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project";
        if (changedSince is { } since)
        {
            var text = since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            query += $" AND [System.ChangedDate] >= '{text}'";
        }

        if (!string.IsNullOrWhiteSpace(filter))
        {
            query += $" AND ({filter})";
        }

        return query + " ORDER BY [System.Id]";
    }
}

/// <summary>Outcome of one sweep: work items compared and download jobs enqueued.</summary>
public sealed record SweepResult(int WorkItemsChecked, int DownloadsEnqueued);
