using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AttachmentSync.Tests.Infrastructure;
using static AttachmentSync.Tests.Tus.TusRequests;

namespace AttachmentSync.Tests.Tus;

/// <summary><c>GET /api/sync/upload-session/{id}</c>: the progress of a tus upload, chunk by chunk.</summary>
[Collection(TusCollection.Name)]
public sealed class UploadSessionTests(TusHost host)
{
    private TusRequests Tus => host.Tus;

    [Fact]
    public async Task Session_reports_progress_of_each_chunk()
    {
        var bytes = new byte[1000];
        Random.Shared.NextBytes(bytes);
        var upload = await Tus.CreateUploadAsync(bytes.Length, host.WorkItemId, "progress.log");
        var id = IdOf(upload);

        var created = await SessionAsync(id);
        using var first = await Tus.PatchAsync(upload, 0, bytes[..250]);
        var quarter = await SessionAsync(id);
        using var last = await Tus.PatchAsync(upload, 250, bytes[250..]);
        var completed = await SessionAsync(id);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, last.StatusCode);

        Assert.Equal(id, (string?)created["sessionUuid"]);
        Assert.Equal(host.WorkItemId, (int?)created["workItemId"]);
        Assert.Equal("progress.log", (string?)created["fileName"]);
        Assert.Equal(1000, (long?)created["totalSize"]);
        Assert.Equal(0, (long?)created["bytesReceived"]);
        Assert.Equal(0, (double?)created["percent"]);
        Assert.Equal("ACTIVE", (string?)created["status"]);
        Assert.Null(created["attachmentId"]);
        Assert.Equal(250, (long?)quarter["bytesReceived"]);
        Assert.Equal(1, (int?)quarter["chunksReceived"]);
        Assert.Equal(25.0, (double?)quarter["percent"]);
        Assert.Equal("ACTIVE", (string?)quarter["status"]);
        Assert.Equal(1000, (long?)completed["bytesReceived"]);
        Assert.Equal(2, (int?)completed["chunksReceived"]);
        Assert.Equal(100.0, (double?)completed["percent"]);
        Assert.Equal("COMPLETED", (string?)completed["status"]);
        Assert.NotNull(completed["expiresAt"]);

        var attachmentId = (string?)completed["attachmentId"];
        Assert.NotNull(attachmentId);
        Assert.Equal($"/api/sync/attachments/{attachmentId}/content", (string?)completed["attachmentUrl"]);
        var content = await Tus.Api.GetByteArrayAsync((string?)completed["attachmentUrl"]);
        Assert.Equal(Hashes.Sha256(bytes), Hashes.Sha256(content));
    }

    [Fact]
    public async Task Unknown_session_returns_404()
    {
        using var response = await Tus.Api.GetAsync("/api/sync/upload-session/0123456789abcdef0123456789abcdef");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<JsonObject> SessionAsync(string id) =>
        (await Tus.Api.GetFromJsonAsync<JsonObject>($"/api/sync/upload-session/{id}"))!;
}
