using AdoEmulator.Infrastructure;

namespace AdoEmulator.WorkItems;

/// <summary>Kinds of work-item change that service hooks publish.</summary>
internal enum WorkItemEventKind
{
    Created,
    Updated,
    Deleted,
}

/// <summary>A stored work-item change, with the URLs the triggering request used.</summary>
internal sealed record WorkItemEvent(
    WorkItemEventKind Kind, WorkItemSnapshot Snapshot, WorkItemUpdate? Update, AdoUrls Urls, DateTimeOffset At);

/// <summary>Receives each work-item change after it is stored. Must not block.</summary>
internal interface IWorkItemEventSink
{
    void Publish(WorkItemEvent change);
}
