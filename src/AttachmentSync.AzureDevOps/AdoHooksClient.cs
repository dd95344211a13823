using AttachmentSync.AzureDevOps.Http;
using AttachmentSync.AzureDevOps.Models;

namespace AttachmentSync.AzureDevOps;

/// <summary>Service-hook subscriptions (<c>_apis/hooks/subscriptions</c>, collection level).</summary>
public sealed class AdoHooksClient(AdoConnection connection)
{
    public Task<HookSubscription> CreateAsync(HookSubscription subscription, CancellationToken cancellationToken)
    {
        var url = connection.Urls.Collection(["hooks", "subscriptions"]);
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = AdoConnection.JsonBody(subscription) };
        return connection.SendForJsonAsync<HookSubscription>(request, cancellationToken);
    }

    /// <summary>
    /// Lists the <c>webHooks</c>/<c>httpRequest</c> subscriptions to <paramref name="eventType"/> of publisher
    /// <c>tfs</c> in the whole collection, of every project and URL. The filters are the list route's query
    /// parameters, so the server does the filtering.
    /// </summary>
    public async Task<IReadOnlyList<HookSubscription>> ListAsync(string eventType, CancellationToken cancellationToken)
    {
        var url = connection.Urls.Collection(["hooks", "subscriptions"],
            ("publisherId", "tfs"),
            ("eventType", eventType),
            ("consumerId", "webHooks"),
            ("consumerActionId", "httpRequest"));
        var list = await connection.SendForJsonAsync<AdoList<HookSubscription>>(
            new HttpRequestMessage(HttpMethod.Get, url), cancellationToken);
        return list.Value;
    }

    public Task<HookSubscription> GetAsync(string id, CancellationToken cancellationToken)
    {
        var url = connection.Urls.Collection(["hooks", "subscriptions", id]);
        return connection.SendForJsonAsync<HookSubscription>(new HttpRequestMessage(HttpMethod.Get, url), cancellationToken);
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var url = connection.Urls.Collection(["hooks", "subscriptions", id]);
        using var response = await connection.SendAsync(new HttpRequestMessage(HttpMethod.Delete, url), cancellationToken);
    }

    /// <summary>Builds a webhook subscription for one work item event of the configured project.</summary>
    public static HookSubscription WebhookFor(
        string eventType, string projectId, Uri callbackUrl, string basicAuthPassword) => new()
    {
        EventType = eventType,
        PublisherInputs = new() { ["projectId"] = projectId },
        ConsumerInputs = new()
        {
            ["url"] = callbackUrl.AbsoluteUri,
            ["basicAuthUsername"] = "azure-devops",
            ["basicAuthPassword"] = basicAuthPassword,
            ["resourceDetailsToSend"] = "all",
            ["messagesToSend"] = "none",
            ["detailedMessagesToSend"] = "none",
        },
    };
}
