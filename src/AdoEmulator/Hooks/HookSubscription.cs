namespace AdoEmulator.Hooks;

/// <summary>Subscription states of the service-hooks API, written in camelCase on the wire.</summary>
public enum SubscriptionStatus
{
    Enabled,
    OnProbation,
    DisabledByUser,
    DisabledBySystem,
}

/// <summary>A webHooks/httpRequest subscription to a work-item event. Status fields are guarded by <see cref="Sync"/>.</summary>
internal sealed class HookSubscription
{
    public required Guid Id { get; init; }

    public required string EventType { get; init; }

    public required string ResourceVersion { get; init; }

    public required Dictionary<string, string> PublisherInputs { get; init; }

    public required Dictionary<string, string> ConsumerInputs { get; init; }

    public required DateTimeOffset CreatedDate { get; init; }

    public Lock Sync { get; } = new();

    public SubscriptionStatus Status { get; set; } = SubscriptionStatus.Enabled;

    public int ProbationRetries { get; set; }

    public DateTimeOffset? LastProbationRetryDate { get; set; }

    public DateTimeOffset ModifiedDate { get; set; }

    public bool IsDeleted { get; set; }

    /// <summary>True while a probation retry loop runs, so a second enduring failure does not start another.</summary>
    public bool ProbationRunning { get; set; }

    public int NextNotificationId;

    public string Input(string name) => ConsumerInputs.TryGetValue(name, out var value) ? value : "";
}
