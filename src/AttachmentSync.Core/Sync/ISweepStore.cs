namespace AttachmentSync.Core.Sync;

/// <summary>State that the reconciliation sweep and the retention purge keep between runs.</summary>
public interface ISweepStore
{
    /// <summary>Returns the named watermark, or null before the first run.</summary>
    Task<DateTimeOffset?> GetWatermarkAsync(string name, CancellationToken cancellationToken);

    Task SetWatermarkAsync(string name, DateTimeOffset value, CancellationToken cancellationToken);

    /// <summary>Lists every work item id the ledger has a record of, live or deleted.</summary>
    Task<IReadOnlyList<int>> ListTouchedWorkItemIdsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Lists the content hashes of records soft-deleted before <paramref name="deletedBefore"/> whose content
    /// is still stored and that no record other than a soft-deleted one uses.
    /// </summary>
    Task<IReadOnlyList<string>> ListPurgeableContentAsync(DateTimeOffset deletedBefore, CancellationToken cancellationToken);

    /// <summary>Marks the soft-deleted records of the content as purged.</summary>
    Task MarkContentPurgedAsync(string sha256, DateTimeOffset purgedAt, CancellationToken cancellationToken);
}
