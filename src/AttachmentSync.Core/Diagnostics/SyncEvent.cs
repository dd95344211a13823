namespace AttachmentSync.Core.Diagnostics;

/// <summary>One row of <c>sync_event_log</c>.</summary>
public sealed record SyncEvent(
    string EventType,
    EventSeverity Severity,
    string Message,
    int? WorkItemId = null,
    Guid? AttachmentId = null);

/// <summary>Severity stored in <c>sync_event_log.severity</c> as INFO, WARN or ERROR.</summary>
public enum EventSeverity
{
    Info,
    Warn,
    Error,
}
