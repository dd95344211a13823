namespace AttachmentSync.AzureDevOps.Http;

/// <summary>Waits for <see cref="AdoThrottle"/> before each call and feeds it every response.</summary>
internal sealed class AdoThrottleHandler(AdoThrottle throttle) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await throttle.WaitAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        throttle.Observe(response);
        return response;
    }
}
