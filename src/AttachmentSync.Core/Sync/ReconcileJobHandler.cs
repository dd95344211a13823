using AttachmentSync.AzureDevOps;
using AttachmentSync.Core.Jobs;

namespace AttachmentSync.Core.Sync;

/// <summary>Reads one work item with its relations and applies the difference to the ledger.</summary>
public sealed class ReconcileJobHandler(AdoWorkItemsClient workItems, WorkItemReconciler reconciler) : ISyncJobHandler
{
    public SyncJobType Type => SyncJobType.Reconcile;

    public async Task HandleAsync(SyncJob job, CancellationToken cancellationToken)
    {
        try
        {
            var item = await workItems.GetAsync(job.WorkItemId, cancellationToken);
            await reconciler.ApplyAsync(item, cancellationToken);
        }
        catch (AdoApiException exception) when (exception.Kind == AdoErrorKind.NotFound)
        {
            await reconciler.ApplyWorkItemGoneAsync(job.WorkItemId, cancellationToken);
        }
    }

    public Task OnRetryScheduledAsync(SyncJob job, string reason, DateTimeOffset nextRunAt, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public Task OnGivenUpAsync(SyncJob job, string reason, CancellationToken cancellationToken) => Task.CompletedTask;
}
