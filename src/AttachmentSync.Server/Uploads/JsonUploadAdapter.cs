using AttachmentSync.Core.Content;

namespace AttachmentSync.Server.Uploads;

/// <summary>The JSON form of an upload: <c>{"fileName": ..., "workItemId": ..., "file": "&lt;base64&gt;"}</c>.</summary>
public static class JsonUploadAdapter
{
    public static Task<UploadedFile> ReadAsync(
        HttpRequest request, IContentStore store, long maxFileBytes, CancellationToken cancellationToken) =>
        throw new UploadFormatException("Content-Type", "application/json",
            "multipart/form-data or a raw body until the JSON form is wired to its streaming reader");
}
