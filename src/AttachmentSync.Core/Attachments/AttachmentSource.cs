namespace AttachmentSync.Core.Attachments;

/// <summary>Side on which an attachment first appeared.</summary>
public enum AttachmentSource
{
    /// <summary>Uploaded through this service by the test tool.</summary>
    Tool,

    /// <summary>Added to the work item in Azure DevOps.</summary>
    Ado,
}
