namespace AttachmentSync.Core.Sync;

/// <summary>
/// A classified job failure: whether retrying can help, the reason a person reads in the ledger, and the
/// wait Azure DevOps asked for, if any.
/// </summary>
public sealed record JobFailure(bool IsPermanent, string Reason, TimeSpan? RequestedWait = null, bool IsThrottled = false);
