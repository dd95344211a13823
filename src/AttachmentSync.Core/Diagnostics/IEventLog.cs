namespace AttachmentSync.Core.Diagnostics;

/// <summary>Audit trail of sync activity (<c>sync_event_log</c>). Messages never carry secrets.</summary>
public interface IEventLog
{
    Task AppendAsync(SyncEvent syncEvent, CancellationToken cancellationToken);
}
