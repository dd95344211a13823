using System.Text.Json.Nodes;
using AdoEmulator.Infrastructure;
using Microsoft.Extensions.Options;

namespace AdoEmulator.WorkItems;

/// <summary>
/// In-memory work items of the single project. Every change is validated on a draft and stored as a new revision
/// under one lock, so a rejected patch changes nothing. Changes are then published to the event sink.
/// </summary>
internal sealed class WorkItemStore(
    IOptions<EmulatorOptions> options,
    EmulatorIdentity identity,
    PatchApplier applier,
    WorkItemClock clock,
    IWorkItemEventSink events)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, WorkItemRecord> _items = [];
    private int _nextId;
    private int _nextWatermark;

    public WorkItemSnapshot? Get(int id)
    {
        lock (_lock)
        {
            return _items.TryGetValue(id, out var item) && !item.IsDeleted ? item.Current : null;
        }
    }

    public IReadOnlyList<WorkItemUpdate>? GetUpdates(int id)
    {
        lock (_lock)
        {
            return _items.TryGetValue(id, out var item) && !item.IsDeleted ? item.Updates.ToList() : null;
        }
    }

    public IReadOnlyList<WorkItemSnapshot>? GetRevisions(int id)
    {
        lock (_lock)
        {
            return _items.TryGetValue(id, out var item) && !item.IsDeleted ? item.Revisions.ToList() : null;
        }
    }

    public IReadOnlyList<WorkItemSnapshot> All()
    {
        lock (_lock)
        {
            return _items.Values.Where(i => !i.IsDeleted).Select(i => i.Current).ToList();
        }
    }

    public (WorkItemSnapshot? Item, AdoError? Error) Create(string type, IReadOnlyList<PatchOperation> operations, AdoUrls urls)
    {
        lock (_lock)
        {
            var id = _nextId + 1;
            var draft = new WorkItemDraft(id, 0, new Dictionary<string, JsonNode?>(), []);
            var now = clock.Next();
            AddCreationDefaults(draft, type, now);
            var error = applier.Apply(draft, operations) ?? CheckRules(draft);
            if (error is not null)
            {
                return (null, error);
            }

            _nextId = id;
            var record = new WorkItemRecord(id);
            _items[id] = record;
            var (snapshot, update) = Commit(record, draft, now, previous: null);
            events.Publish(new WorkItemEvent(WorkItemEventKind.Created, snapshot, update, urls, now));
            return (snapshot, null);
        }
    }

    /// <summary>
    /// Applies a patch. <paramref name="observedRev"/> is the rev the request saw when it arrived. If another save
    /// landed in between, the request fails with 409 TF26071 as concurrent saves do in Azure DevOps.
    /// </summary>
    public (WorkItemSnapshot? Item, AdoError? Error) Update(
        int id, IReadOnlyList<PatchOperation> operations, int? observedRev, bool forceConflict, AdoUrls urls)
    {
        lock (_lock)
        {
            if (!_items.TryGetValue(id, out var record) || record.IsDeleted)
            {
                return (null, AdoErrors.WorkItemNotFound(id));
            }

            var current = record.Current;
            if (forceConflict || (observedRev is not null && observedRev != current.Rev))
            {
                return (null, AdoErrors.RevisionMismatch(id));
            }

            var draft = new WorkItemDraft(id, current.Rev, current.Fields, current.Relations);
            draft.Fields.Remove(WorkItemFields.History);
            var error = applier.Apply(draft, operations) ?? CheckRules(draft);
            if (error is not null)
            {
                return (null, error);
            }

            var now = clock.Next();
            var (snapshot, update) = Commit(record, draft, now, current);
            events.Publish(new WorkItemEvent(WorkItemEventKind.Updated, snapshot, update, urls, now));
            return (snapshot, null);
        }
    }

    public (WorkItemSnapshot? Item, DateTimeOffset DeletedAt) Delete(int id, AdoUrls urls)
    {
        lock (_lock)
        {
            if (!_items.TryGetValue(id, out var record) || record.IsDeleted)
            {
                return (null, default);
            }

            record.IsDeleted = true;
            var now = clock.Next();
            events.Publish(new WorkItemEvent(WorkItemEventKind.Deleted, record.Current, null, urls, now));
            return (record.Current, now);
        }
    }

    private AdoError? CheckRules(WorkItemDraft draft)
    {
        var title = draft.Fields.GetValueOrDefault(WorkItemFields.Title)?.ToString();
        if (string.IsNullOrWhiteSpace(title))
        {
            return AdoErrors.BadRequest(
                "TF401320: Rule Error for field Title. Error code: Required, InvalidEmpty.", "RuleValidationException");
        }

        var max = options.Value.MaxAttachmentsPerWorkItem;
        if (draft.Added.Any(r => r.IsAttachment) && draft.Relations.Count(r => r.IsAttachment) > max)
        {
            return AdoErrors.TooManyAttachments(draft.Id, max);
        }

        return null;
    }

    private void AddCreationDefaults(WorkItemDraft draft, string type, DateTimeOffset now)
    {
        var fields = draft.Fields;
        var user = identity.UserFieldValue;
        fields.Add(WorkItemFields.AreaPath, identity.ProjectName);
        fields[WorkItemFields.TeamProject] = identity.ProjectName;
        fields.Add(WorkItemFields.IterationPath, identity.ProjectName);
        fields[WorkItemFields.WorkItemType] = type;
        fields.Add(WorkItemFields.State, "New");
        fields.Add(WorkItemFields.Reason, "New");
        fields[WorkItemFields.CreatedDate] = AdoJson.Date(now);
        fields[WorkItemFields.CreatedBy] = user;
        fields[WorkItemFields.CommentCount] = 0;
        fields[WorkItemFields.StateChangeDate] = AdoJson.Date(now);
        fields.Add(WorkItemFields.Priority, 2);
        fields[WorkItemFields.Id] = draft.Id;
        fields[WorkItemFields.IsDeleted] = false;
    }

    private (WorkItemSnapshot Snapshot, WorkItemUpdate Update) Commit(
        WorkItemRecord record, WorkItemDraft draft, DateTimeOffset now, WorkItemSnapshot? previous)
    {
        var rev = (previous?.Rev ?? 0) + 1;
        var fields = draft.Fields;
        var date = AdoJson.Date(now);
        fields[WorkItemFields.Rev] = rev;
        fields[WorkItemFields.ChangedDate] = date;
        fields[WorkItemFields.ChangedBy] = identity.UserFieldValue;
        fields[WorkItemFields.AuthorizedDate] = date;
        fields[WorkItemFields.AuthorizedAs] = identity.UserFieldValue;
        fields[WorkItemFields.RevisedDate] = AdoJson.EndOfTime;
        fields[WorkItemFields.Watermark] = ++_nextWatermark;
        if (previous is not null && previous.Field(WorkItemFields.State) != fields[WorkItemFields.State]?.ToString())
        {
            fields[WorkItemFields.StateChangeDate] = date;
        }

        var snapshot = draft.ToSnapshot(rev);
        var update = new WorkItemUpdate(
            record.Updates.Count + 1, record.Id, rev, FieldDiff.Between(previous, snapshot),
            draft.Added.ToList(), draft.Removed.ToList(), draft.Updated.ToList());
        record.Revisions.Add(snapshot);
        record.Updates.Add(update);
        return (snapshot, update);
    }
}
