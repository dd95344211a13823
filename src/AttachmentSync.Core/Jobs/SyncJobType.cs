namespace AttachmentSync.Core.Jobs;

/// <summary>Kind of work in <c>sync_job_queue.job_type</c> (stored in upper case).</summary>
public enum SyncJobType
{
    /// <summary>Send a tool file to Azure DevOps, then link it to its work item.</summary>
    Upload,

    /// <summary>Fetch an Azure DevOps attachment into the local store.</summary>
    Download,

    /// <summary>Remove our relation from the work item after a delete in the tool.</summary>
    Unlink,

    /// <summary>Compare one work item's relations with the ledger and enqueue what differs.</summary>
    Reconcile,
}
