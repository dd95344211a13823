using AttachmentSync.Core.Content;
using AttachmentSync.Core.Uploads;

namespace AttachmentSync.Server.Uploads;

/// <summary>
/// The JSON form of an upload: <c>{"fileName": ..., "workItemId": ..., "file": "&lt;base64&gt;"}</c>, read and
/// decoded as a stream by <see cref="JsonBase64UploadReader"/>.
/// </summary>
public static class JsonUploadAdapter
{
    public static async Task<UploadedFile> ReadAsync(
        HttpRequest request, IContentStore store, long maxFileBytes, CancellationToken cancellationToken)
    {
        var result = await JsonBase64UploadReader.ReadAsync(request.Body, store, maxFileBytes, cancellationToken);
        var properties = result.Properties;
        return new UploadedFile(
            result.Content,
            properties.GetValueOrDefault("workItemId")?.Text,
            properties.GetValueOrDefault("fileName")?.Text,
            properties.GetValueOrDefault("contentType")?.Text);
    }
}
