using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static AttachmentSync.Tests.Tus.TusRequests;

namespace AttachmentSync.Tests.Tus;

/// <summary>tus 1.0 HEAD and the termination extension (DELETE) on the service route.</summary>
[Collection(TusCollection.Name)]
public sealed class TusHeadAndDeleteTests(TusHost host)
{
    private TusRequests Tus => host.Tus;

    [Fact]
    public async Task Head_returns_offset_length_metadata_uncached()
    {
        var metadata = MetadataFor(host.WorkItemId, "head.bin");
        using var created = await Tus.CreateAsync(100, metadata, new byte[15]);
        var upload = created.Headers.Location!.OriginalString;

        using var response = await Tus.HeadAsync(upload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("15", Header(response, "Upload-Offset"));
        Assert.Equal("100", Header(response, "Upload-Length"));
        Assert.Equal(metadata, Header(response, "Upload-Metadata"));
        Assert.Equal(Header(created, "Upload-Expires"), Header(response, "Upload-Expires"));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Head_of_unknown_upload_returns_404()
    {
        using var response = await Tus.HeadAsync($"{UploadsPath}/0123456789abcdef0123456789abcdef");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("1.0.0", Header(response, "Tus-Resumable"));
    }

    [Fact]
    public async Task Delete_removes_upload_and_marks_session()
    {
        var upload = await Tus.CreateUploadAsync(100, host.WorkItemId, "delete.bin");
        using var patched = await Tus.PatchAsync(upload, 0, new byte[10]);

        using var deleted = await Tus.DeleteAsync(upload);
        using var head = await Tus.HeadAsync(upload);
        using var patch = await Tus.PatchAsync(upload, 10, new byte[10]);
        using var again = await Tus.DeleteAsync(upload);
        var session = await Tus.Api.GetFromJsonAsync<JsonObject>($"/api/sync/upload-session/{IdOf(upload)}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, patch.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("TERMINATED", (string?)session!["status"]);
        Assert.Null(session["attachmentId"]);
    }
}
