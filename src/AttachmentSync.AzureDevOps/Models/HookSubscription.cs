namespace AttachmentSync.AzureDevOps.Models;

/// <summary>
/// A service-hook subscription of the <c>webHooks</c> consumer (<c>_apis/hooks/subscriptions</c>).
/// </summary>
public sealed record HookSubscription
{
    public string? Id { get; init; }

    public string PublisherId { get; init; } = "tfs";

    public required string EventType { get; init; }

    public string ResourceVersion { get; init; } = "1.0";

    public string ConsumerId { get; init; } = "webHooks";

    public string ConsumerActionId { get; init; } = "httpRequest";

    public Dictionary<string, string> PublisherInputs { get; init; } = [];

    public Dictionary<string, string> ConsumerInputs { get; init; } = [];

    /// <summary>enabled, onProbation, disabledByUser, disabledBySystem or disabledByInactiveIdentity.</summary>
    public string? Status { get; init; }
}
