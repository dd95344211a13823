using AttachmentSync.AzureDevOps;
using AttachmentSync.Core.Attachments;
using AttachmentSync.Core.Jobs;
using AttachmentSync.Core.Sync;
using AttachmentSync.Server.Problems;
using Microsoft.Extensions.Options;

namespace AttachmentSync.Server.Endpoints;

/// <summary>Commands on the ledger: status, force-sync, delete, link and download by GUID.</summary>
public static class SyncEndpoints
{
    public static void MapSyncEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/sync/status/{workItemId:int}", StatusAsync)
            .WithName("GetSyncStatus")
            .WithSummary("Shows every attachment of a work item with its state, the reason when not synced, and open jobs.");
        routes.MapPost("/api/sync/force-sync/{workItemId:int}", ForceSyncAsync)
            .WithName("ForceSync")
            .WithSummary("Compares the work item in Azure DevOps with the ledger now and fetches what is missing.");
        routes.MapDelete("/api/sync/attachments/{id:guid}", DeleteAsync)
            .WithName("DeleteAttachment")
            .WithSummary("Soft-deletes an attachment (by our id or its Azure DevOps GUID) and removes its relation.");
        routes.MapPost("/api/sync/link-attachment", LinkAsync)
            .WithName("LinkAttachment")
            .WithSummary("Puts stored content on another work item, reusing the Azure DevOps attachment.");
        routes.MapPost("/api/sync/download/{guid:guid}", DownloadAsync)
            .WithName("DownloadAttachment")
            .WithSummary("Fetches an attachment linked to a work item in Azure DevOps into the store.");
    }

    private static async Task<IResult> StatusAsync(
        int workItemId, IAttachmentRepository attachments, IJobQueue queue, CancellationToken cancellationToken)
    {
        var records = await attachments.ListByWorkItemAsync(workItemId, includeDeleted: true, cancellationToken);
        var jobs = await queue.ListOpenAsync(workItemId, cancellationToken);
        return Results.Ok(new
        {
            workItemId,
            total = records.Count(record => record.State != SyncState.Deleted),
            synced = records.Count(record => record.State == SyncState.Synced),
            failed = records.Count(record => record.State == SyncState.Failed),
            pending = records.Count(record => record.State is not (SyncState.Synced or SyncState.Failed or SyncState.Deleted)),
            deleted = records.Count(record => record.State == SyncState.Deleted),
            attachments = records.Select(AttachmentResponse.From),
            openJobs = jobs.Select(job => new
            {
                job.Id,
                type = job.Type.ToString().ToUpperInvariant(),
                status = job.Status.ToString().ToUpperInvariant(),
                job.AttachmentId,
                job.Attempts,
                job.NextRunAt,
                job.LastError,
            }),
        });
    }

    private static async Task<IResult> ForceSyncAsync(
        int workItemId, IJobQueue queue, JobSignals signals, IOptions<SyncOptions> options, TimeProvider timeProvider,
        IAttachmentRepository attachments, AdoWorkItemsClient workItems, CancellationToken cancellationToken)
    {
        try
        {
            await workItems.GetAsync(workItemId, cancellationToken);
        }
        catch (AdoApiException exception) when (exception.Kind == AdoErrorKind.NotFound)
        {
            return Problem.NotFound($"Work item {workItemId} does not exist in Azure DevOps, or the PAT may not read it.");
        }
        catch (AdoApiException)
        {
            // Azure DevOps is failing now; the reconcile job retries on its own schedule.
        }

        var job = SyncJob.Create(SyncJobType.Reconcile, workItemId, null, timeProvider.GetUtcNow()) with { Priority = 10 };
        var jobId = await queue.EnqueueAsync(job, cancellationToken);
        signals.NotifyEnqueued();
        var finished = await signals.WaitForJobAsync(jobId, options.Value.UploadResponseWait, timeProvider, cancellationToken);
        var records = await attachments.ListByWorkItemAsync(workItemId, includeDeleted: false, cancellationToken);
        var body = new { workItemId, jobId, finished, attachments = records.Select(AttachmentResponse.From) };
        return finished ? Results.Ok(body) : Results.Accepted(value: body);
    }

    private static async Task<IResult> DeleteAsync(
        Guid id, IAttachmentRepository attachments, JobSignals signals, TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var record = await attachments.FindByAnyIdAsync(id, cancellationToken);
        if (record is null)
        {
            return Problem.NotFound($"No attachment has the id {id}.");
        }

        if (record.State != SyncState.Deleted)
        {
            var unlink = record.AdoAttachmentId is null
                ? null
                : SyncJob.Create(SyncJobType.Unlink, record.WorkItemId, record.Id, timeProvider.GetUtcNow());
            await attachments.MarkDeletedAsync(record with { StateReason = "deleted in the tool" }, unlink, cancellationToken);
            signals.NotifyEnqueued();
        }

        var current = await attachments.GetAsync(record.Id, cancellationToken);
        return Results.Ok(AttachmentResponse.From(current!));
    }

    private static async Task<IResult> LinkAsync(
        LinkRequest request, IAttachmentRepository attachments, AttachmentIngestor ingestor,
        Core.Content.IContentStore store, CancellationToken cancellationToken)
    {
        if (request.WorkItemId is not > 0)
        {
            return Problem.BadField("workItemId", request.WorkItemId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "a positive integer work item id");
        }

        if (request.AttachmentId is not { } id || await attachments.FindByAnyIdAsync(id, cancellationToken) is not { } source)
        {
            return Problem.BadField("attachmentId", request.AttachmentId?.ToString(), "the id of a stored attachment");
        }

        if (source.Sha256 is not { } sha256 || !store.Exists(sha256))
        {
            return Problem.BadField("attachmentId", id.ToString(), "an attachment whose bytes are stored (it is still syncing)");
        }

        var upload = new Uploads.UploadedFile(new Core.Content.StoredContent(sha256, source.FileSize ?? 0),
            request.WorkItemId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            request.FileName ?? source.FileName, source.ContentType);
        return await UploadEndpoints.IngestAsync(upload, ingestor, cancellationToken);
    }

    private static async Task<IResult> DownloadAsync(
        Guid guid, int? workItemId, IAttachmentRepository attachments, AdoWorkItemsClient workItems,
        WorkItemReconciler reconciler, JobSignals signals, IOptions<SyncOptions> options, TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        if (workItemId is not > 0)
        {
            return Problem.BadField("workItemId", workItemId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "the id of the work item that links the attachment, in the query string");
        }

        var item = await workItems.GetAsync(workItemId.Value, cancellationToken);
        if (!item.AttachedFiles().Any(pair => pair.Relation.AttachmentId == guid))
        {
            return Problem.NotFound($"Work item {workItemId} has no attachment {guid} in Azure DevOps.");
        }

        var jobIds = await reconciler.ApplyAsync(item, cancellationToken);
        foreach (var jobId in jobIds)
        {
            await signals.WaitForJobAsync(jobId, options.Value.UploadResponseWait, timeProvider, cancellationToken);
        }

        var records = await attachments.ListByWorkItemAsync(workItemId.Value, includeDeleted: false, cancellationToken);
        var record = records.FirstOrDefault(candidate => candidate.AdoAttachmentId == guid);
        if (record is null)
        {
            return Problem.NotFound($"Attachment {guid} of work item {workItemId} was deleted in the tool.");
        }

        var body = AttachmentResponse.From(record);
        return record.State == SyncState.Synced ? Results.Ok(body) : Results.Accepted(body.ContentUrl, body);
    }
}

/// <summary>Body of <c>POST /api/sync/link-attachment</c>.</summary>
public sealed record LinkRequest(int? WorkItemId, Guid? AttachmentId, string? FileName);
