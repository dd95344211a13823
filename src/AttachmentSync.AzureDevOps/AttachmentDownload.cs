namespace AttachmentSync.AzureDevOps;

/// <summary>An attachment body being streamed from Azure DevOps.</summary>
public sealed class AttachmentDownload(HttpResponseMessage response, Stream content) : IAsyncDisposable
{
    public Stream Content { get; } = content;

    /// <summary>Length announced by the server, or null when the body is chunked or compressed.</summary>
    public long? Length { get; } = response.Content.Headers.ContentLength;

    public string? ContentType { get; } = response.Content.Headers.ContentType?.MediaType;

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync();
        response.Dispose();
    }
}
