using System.Net;
using System.Text;
using static AttachmentSync.Security.Tests.Hostile.Cases.UploadCases;
using static AttachmentSync.Security.Tests.Hostile.HostileRequests;

namespace AttachmentSync.Security.Tests.Hostile.Cases;

/// <summary>tus creation with bad headers and metadata, and PATCH requests with wrong offsets, types and checksums.</summary>
public static class TusCases
{
    public const string UploadsPath = "/api/sync/uploads";

    public static IEnumerable<HostileCase> All() => Creation().Concat(Patch());

    /// <summary>Creates an upload of <paramref name="length"/> bytes on the target work item and returns its URL.</summary>
    public static async Task<Uri> CreateUploadAsync(HostileHost host, long length, string fileName = "tus.bin")
    {
        using var request = Create(host, length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Metadata(("filename", fileName), ("workItemId", host.TargetWorkItemId.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        using var response = await host.Client.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Created || response.Headers.Location is not { } location)
        {
            throw new InvalidOperationException($"Creating a tus upload failed with {(int)response.StatusCode}.");
        }

        return location;
    }

    public static HttpRequestMessage PatchRequest(HostileHost host, Uri location, long offset, byte[] body,
        string contentType = "application/offset+octet-stream")
    {
        var request = Authorize(host, Send(HttpMethod.Patch, location.ToString(), Bytes(body, contentType)));
        request.Headers.Add("Tus-Resumable", "1.0.0");
        request.Headers.TryAddWithoutValidation("Upload-Offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return request;
    }

    private static IEnumerable<HostileCase> Creation()
    {
        var valid = (Func<HostileHost, string>)(host => Metadata(("filename", "a.txt"), ("workItemId", host.TargetWorkItemId.ToString())));
        yield return HostileCase.Of("tus create without Tus-Resumable", Expect.ClientError, host =>
        {
            var request = Create(host, "10", valid(host));
            request.Headers.Remove("Tus-Resumable");
            return request;
        }, 412);
        yield return CreateCase("length negative", _ => "-1", valid, 400);
        yield return CreateCase("length text", _ => "ten", valid, 400);
        yield return CreateCase("length over maximum", _ => "99999999999999999", valid, 413);
        yield return CreateCase("length over long", _ => "999999999999999999999999", valid, 400);
        yield return CreateCase("metadata missing", _ => "10", _ => "", 400);
        yield return CreateCase("metadata not base64", _ => "10", host => $"filename !!!,workItemId {B64(host.TargetWorkItemId.ToString())}", 400);
        yield return CreateCase("metadata workItemId text", _ => "10", _ => Metadata(("filename", "a.txt"), ("workItemId", "abc")), 400);
        yield return CreateCase("metadata workItemId zero", _ => "10", _ => Metadata(("filename", "a.txt"), ("workItemId", "0")), 400);
        yield return CreateCase("metadata filename empty", _ => "10", host => $"filename ,workItemId {B64(host.TargetWorkItemId.ToString())}", 400);
        yield return CreateCase("metadata filename invalid UTF-8", _ => "10", host =>
            $"filename {Convert.ToBase64String([0xED, 0xA0, 0x80])},workItemId {B64(host.TargetWorkItemId.ToString())}", 400);
        yield return CreateCase("metadata 20 KiB", _ => "10", host => valid(host) + ",pad " + B64(new string('p', 15 * 1024)), null);
        yield return CreateCase("metadata duplicate key", _ => "10", host => valid(host) + ",filename " + B64("b.txt"), 400);
    }

    private static IEnumerable<HostileCase> Patch()
    {
        yield return PatchCase("offset ahead", (host, location) => PatchRequest(host, location, 5, [1, 2, 3]), 409);
        yield return PatchCase("offset negative", (host, location) => PatchRequest(host, location, -1, [1, 2, 3]), 400);
        yield return PatchCase("offset text", (host, location) =>
        {
            var request = PatchRequest(host, location, 0, [1, 2, 3]);
            request.Headers.Remove("Upload-Offset");
            request.Headers.TryAddWithoutValidation("Upload-Offset", "zero");
            return request;
        }, 400);
        yield return PatchCase("offset missing", (host, location) =>
        {
            var request = PatchRequest(host, location, 0, [1, 2, 3]);
            request.Headers.Remove("Upload-Offset");
            return request;
        }, 400);
        yield return PatchCase("wrong content type", (host, location) => PatchRequest(host, location, 0, [1, 2, 3], "application/json"), 415);
        yield return PatchCase("body past length", (host, location) => PatchRequest(host, location, 0, new byte[200]), 413);
        yield return PatchCase("checksum mismatch", (host, location) =>
        {
            var request = PatchRequest(host, location, 0, [1, 2, 3]);
            request.Headers.TryAddWithoutValidation("Upload-Checksum", "sha1 " + Convert.ToBase64String(new byte[20]));
            return request;
        }, 460);
        yield return PatchCase("checksum unknown algorithm", (host, location) =>
        {
            var request = PatchRequest(host, location, 0, [1, 2, 3]);
            request.Headers.TryAddWithoutValidation("Upload-Checksum", "crc32 AAAA");
            return request;
        }, 400);
        yield return HostileCase.Of("tus patch unknown upload", Expect.ClientError,
            host => PatchRequest(host, new Uri($"{UploadsPath}/{Guid.NewGuid():N}", UriKind.Relative), 0, [1]), 404);
        yield return HostileCase.Of("tus patch traversal id", Expect.ClientError,
            host => PatchRequest(host, new Uri($"{UploadsPath}/..%2F..%2Fetc%2Fpasswd", UriKind.Relative), 0, [1]), 404);
        yield return HostileCase.Of("tus head unknown upload", Expect.NoBody, host =>
        {
            var request = Authorize(host, Send(HttpMethod.Head, $"{UploadsPath}/{Guid.NewGuid():N}"));
            request.Headers.Add("Tus-Resumable", "1.0.0");
            return request;
        }, 404);
        yield return HostileCase.Of("tus delete unknown upload", Expect.ClientError, host =>
        {
            var request = Authorize(host, Send(HttpMethod.Delete, $"{UploadsPath}/{Guid.NewGuid():N}"));
            request.Headers.Add("Tus-Resumable", "1.0.0");
            return request;
        }, 404);
        yield return new HostileCase("tus patch hostile name completes", Expect.Success, async host =>
        {
            var body = Encoding.UTF8.GetBytes("tus hostile name body");
            var location = await CreateUploadAsync(host, body.Length, $"../tus\r\nX-Injected: 1-{HostileHost.Marker}");
            return PatchRequest(host, location, 0, body);
        }, 204);
    }

    private static HttpRequestMessage Create(HostileHost host, string length, string metadata)
    {
        var request = Authorize(host, Send(HttpMethod.Post, UploadsPath));
        request.Headers.Add("Tus-Resumable", "1.0.0");
        request.Headers.TryAddWithoutValidation("Upload-Length", length);
        if (metadata.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Upload-Metadata", metadata);
        }

        return request;
    }

    private static string Metadata(params (string Key, string Value)[] pairs) =>
        string.Join(',', pairs.Select(pair => $"{pair.Key} {B64(pair.Value)}"));

    private static string B64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));

    private static HostileCase CreateCase(string name, Func<HostileHost, string> length, Func<HostileHost, string> metadata, int? status) =>
        HostileCase.Of("tus create " + name, status is null ? Expect.Handled : Expect.ClientError,
            host => Create(host, length(host), metadata(host)), status);

    private static HostileCase PatchCase(string name, Func<HostileHost, Uri, HttpRequestMessage> build, int status) =>
        new("tus patch " + name, Expect.ClientError, async host => build(host, await CreateUploadAsync(host, 100)), status);
}
