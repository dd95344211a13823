using System.Data.Common;
using System.Net;
using AttachmentSync.AzureDevOps;
using AttachmentSync.AzureDevOps.Models;
using AttachmentSync.Core.Webhooks;
using Microsoft.Extensions.Options;

namespace AttachmentSync.Server.Webhooks;

/// <summary>
/// Makes sure the configured project has one webhook subscription to the service's callback URL for each work-item
/// event the service handles. It lists before it creates, so a restart adds nothing, and it records each
/// subscription in <see cref="IWebhookSubscriptionStore"/>.
/// </summary>
/// <remarks>
/// Azure DevOps service hooks: subscriptions live at collection level (<c>POST {coll}/_apis/hooks/subscriptions</c>)
/// and name the project by GUID in <c>publisherInputs.projectId</c>. Creating one needs the "Edit subscriptions"
/// permission. Azure DevOps Services sends Basic credentials only to https URLs that are not loopback or
/// special-purpose addresses.
/// </remarks>
public sealed class WebhookRegistrar(
    AdoProjectsClient projects,
    AdoHooksClient hooks,
    IWebhookSubscriptionStore store,
    IOptions<AzureDevOpsOptions> adoOptions,
    ILogger<WebhookRegistrar> logger)
{
    /// <summary>The work-item events whose deliveries the webhook endpoint handles.</summary>
    public static readonly IReadOnlyList<string> EventTypes = ["workitem.created", "workitem.updated", "workitem.deleted"];

    /// <summary>
    /// Finds or creates the subscriptions to <paramref name="callbackUrl"/>, with <paramref name="secret"/> as their
    /// Basic password. Returns false, after one error in the log, when Azure DevOps could not be reached or rejected
    /// a request. Subscriptions registered before the failure stay.
    /// </summary>
    public async Task<bool> EnsureSubscriptionsAsync(Uri callbackUrl, string secret, CancellationToken cancellationToken)
    {
        var eventType = EventTypes[0];
        try
        {
            var project = await projects.GetAsync(adoOptions.Value.Project, cancellationToken);
            for (var i = 0; i < EventTypes.Count; i++)
            {
                eventType = EventTypes[i];
                await EnsureSubscriptionAsync(eventType, project.Id, callbackUrl, secret, cancellationToken);
            }

            return true;
        }
        catch (AdoApiException exception)
        {
            var missing = EventTypes.SkipWhile(type => type != eventType);
            WebhookRegistrationLog.RegistrationFailed(
                logger, exception, eventType, Describe(exception.StatusCode), string.Join(", ", missing), Action(exception));
            return false;
        }
    }

    private async Task EnsureSubscriptionAsync(
        string eventType, Guid projectId, Uri callbackUrl, string secret, CancellationToken cancellationToken)
    {
        var existing = await hooks.ListAsync(eventType, cancellationToken);
        var matching = existing.Where(s => Targets(s, eventType, projectId, callbackUrl)).ToList();
        HookSubscription subscription;
        if (matching.Count == 0)
        {
            var request = AdoHooksClient.WebhookFor(eventType, projectId.ToString(), callbackUrl, secret);
            subscription = await hooks.CreateAsync(request, cancellationToken);
            WebhookRegistrationLog.Created(logger, subscription.Id ?? "", eventType, callbackUrl);
        }
        else
        {
            // NOTE: the Basic password is a confidential input, so the list cannot tell which secret a subscription
            // was created with. One created with an older secret is kept, and its deliveries get 401 until it is
            // deleted and registered again.
            subscription = matching[0];
            WebhookRegistrationLog.Found(logger, subscription.Id ?? "", eventType, callbackUrl);
            if (matching.Count > 1)
            {
                var extraIds = string.Join(", ", matching.Skip(1).Select(s => s.Id));
                WebhookRegistrationLog.Duplicates(
                    logger, matching.Count, eventType, callbackUrl, subscription.Id ?? "", extraIds);
            }
        }

        var isActive = subscription.Status is null or "enabled" or "onProbation";
        if (!isActive)
        {
            WebhookRegistrationLog.Disabled(logger, subscription.Id ?? "", eventType, subscription.Status!);
        }

        await RecordAsync(subscription, eventType, callbackUrl, isActive, cancellationToken);
    }

    private async Task RecordAsync(
        HookSubscription subscription, string eventType, Uri callbackUrl, bool isActive, CancellationToken cancellationToken)
    {
        if (subscription.Id is not { Length: > 0 } id)
        {
            throw new AdoApiException(AdoErrorKind.Permanent, null,
                $"The service-hook subscription for {eventType} was returned without an id.");
        }

        try
        {
            await store.RecordAsync(id, eventType, callbackUrl, isActive, cancellationToken);
        }
        catch (DbException exception)
        {
            WebhookRegistrationLog.RecordFailed(logger, exception, id, eventType);
        }
    }

    private static bool Targets(HookSubscription subscription, string eventType, Guid projectId, Uri callbackUrl) =>
        subscription.EventType == eventType
        && subscription.ConsumerInputs.TryGetValue("url", out var url)
        && Uri.TryCreate(url, UriKind.Absolute, out var target)
        && target == callbackUrl
        && subscription.PublisherInputs.TryGetValue("projectId", out var project)
        && Guid.TryParse(project, out var id)
        && id == projectId;

    private static string Describe(HttpStatusCode? status) =>
        status is { } code ? $"{(int)code} {code}" : "none (no response)";

    private static string Action(AdoApiException exception) => exception.StatusCode switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
            "Grant the PAT's user the \"Edit subscriptions\" permission for service hooks and restart the service, " +
            "or create the subscriptions by hand in Project settings > Service hooks.",
        HttpStatusCode.NotFound =>
            "Check AzureDevOps:Project (AZDO_PROJECT) and that the PAT may read the project, " +
            "or create the subscriptions by hand in Project settings > Service hooks.",
        _ =>
            "Restart the service to try again once Azure DevOps answers, " +
            "or create the subscriptions by hand in Project settings > Service hooks.",
    };
}
