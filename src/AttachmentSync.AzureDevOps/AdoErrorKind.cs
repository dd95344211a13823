namespace AttachmentSync.AzureDevOps;

/// <summary>What a failed Azure DevOps call means for the caller.</summary>
public enum AdoErrorKind
{
    /// <summary>408, 429, 5xx, timeouts and broken connections: try again later.</summary>
    Transient,

    /// <summary>412 from a failed <c>test /rev</c>, or 409 from a concurrent save: re-read and try again.</summary>
    Conflict,

    /// <summary>404: the work item or attachment does not exist, or the PAT may not read it.</summary>
    NotFound,

    /// <summary>401, or a sign-in page in place of data: the PAT is missing, wrong or expired.</summary>
    Authentication,

    /// <summary>Every other 4xx, such as an attachment over the size limit: retrying cannot help.</summary>
    Permanent,
}
