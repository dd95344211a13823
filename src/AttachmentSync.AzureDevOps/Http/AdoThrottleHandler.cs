namespace AttachmentSync.AzureDevOps.Http;

/// <summary>
/// Waits for <see cref="AdoThrottle"/> before each call and feeds it every response. The chunk PUTs of an
/// upload continue one call that already spent a token, so they are paced only by Azure DevOps's own
/// throttling headers; counting each chunk would cap uploads at the request rate times the chunk size.
/// </summary>
internal sealed class AdoThrottleHandler(AdoThrottle throttle) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await throttle.WaitAsync(spendToken: !IsUploadChunk(request), cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        throttle.Observe(response);
        return response;
    }

    private static bool IsUploadChunk(HttpRequestMessage request) =>
        request.Method == HttpMethod.Put && request.Content?.Headers.ContentRange is not null;
}
