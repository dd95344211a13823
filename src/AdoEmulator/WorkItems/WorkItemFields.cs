namespace AdoEmulator.WorkItems;

/// <summary>Reference names of the system fields the emulator maintains, and how each is shown.</summary>
internal static class WorkItemFields
{
    public const string Id = "System.Id";
    public const string Rev = "System.Rev";
    public const string Title = "System.Title";
    public const string State = "System.State";
    public const string Reason = "System.Reason";
    public const string WorkItemType = "System.WorkItemType";
    public const string TeamProject = "System.TeamProject";
    public const string AreaPath = "System.AreaPath";
    public const string IterationPath = "System.IterationPath";
    public const string CreatedDate = "System.CreatedDate";
    public const string CreatedBy = "System.CreatedBy";
    public const string ChangedDate = "System.ChangedDate";
    public const string ChangedBy = "System.ChangedBy";
    public const string AuthorizedDate = "System.AuthorizedDate";
    public const string AuthorizedAs = "System.AuthorizedAs";
    public const string RevisedDate = "System.RevisedDate";
    public const string Watermark = "System.Watermark";
    public const string History = "System.History";
    public const string CommentCount = "System.CommentCount";
    public const string IsDeleted = "System.IsDeleted";
    public const string StateChangeDate = "Microsoft.VSTS.Common.StateChangeDate";
    public const string Priority = "Microsoft.VSTS.Common.Priority";

    /// <summary>
    /// Fields Azure DevOps keeps per revision but leaves out of a work item's <c>fields</c> unless a caller names
    /// them in <c>fields=</c>. They do appear in updates.
    /// </summary>
    public static readonly HashSet<string> Hidden = new(StringComparer.OrdinalIgnoreCase)
    {
        Id, Rev, AuthorizedDate, AuthorizedAs, RevisedDate, Watermark, IsDeleted,
    };

    /// <summary>Fields the client may not set.</summary>
    public static readonly HashSet<string> ReadOnly = new(StringComparer.OrdinalIgnoreCase)
    {
        Id, Rev, CreatedDate, CreatedBy, ChangedDate, ChangedBy, AuthorizedDate, AuthorizedAs, RevisedDate,
        Watermark, TeamProject, WorkItemType, IsDeleted,
    };

    /// <summary>Identity fields: rendered as IdentityRef objects by the REST API and as strings in hook payloads.</summary>
    public static readonly HashSet<string> Identity = new(StringComparer.OrdinalIgnoreCase)
    {
        CreatedBy, ChangedBy, AuthorizedAs, "System.AssignedTo", "Microsoft.VSTS.Common.ActivatedBy",
        "Microsoft.VSTS.Common.ClosedBy", "Microsoft.VSTS.Common.ResolvedBy",
    };

    /// <summary>Display name of a field as WIQL column lists show it.</summary>
    public static string DisplayName(string referenceName) => referenceName switch
    {
        Id => "ID",
        ChangedDate => "Changed Date",
        CreatedDate => "Created Date",
        WorkItemType => "Work Item Type",
        _ => referenceName[(referenceName.LastIndexOf('.') + 1)..],
    };
}
