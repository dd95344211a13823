using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace AttachmentSync.Tests.Tus;

/// <summary>Builds raw tus 1.0 requests to the service's upload route, the way curl would send them.</summary>
public sealed class TusRequests(HttpClient api)
{
    public const string UploadsPath = "/api/sync/uploads";

    public const string OffsetOctetStream = "application/offset+octet-stream";

    public HttpClient Api { get; } = api;

    /// <summary>Encodes metadata pairs as Upload-Metadata; a null value sends the key alone.</summary>
    public static string Metadata(params (string Key, string? Value)[] pairs) =>
        string.Join(",", pairs.Select(pair => pair.Value is null
            ? pair.Key
            : $"{pair.Key} {Convert.ToBase64String(Encoding.UTF8.GetBytes(pair.Value))}"));

    public static string MetadataFor(int workItemId, string fileName) =>
        Metadata(("filename", fileName), ("workItemId", workItemId.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Returns a request that carries <c>Tus-Resumable: 1.0.0</c>.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string url)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        return request;
    }

    public static ByteArrayContent Body(byte[] bytes, string contentType = OffsetOctetStream)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    public Task<HttpResponseMessage> CreateAsync(long length, string? metadata, byte[]? body = null)
    {
        var request = Request(HttpMethod.Post, UploadsPath);
        request.Headers.Add("Upload-Length", length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (metadata is not null)
        {
            request.Headers.Add("Upload-Metadata", metadata);
        }

        if (body is not null)
        {
            request.Content = Body(body);
        }

        return Api.SendAsync(request);
    }

    /// <summary>Creates an upload and returns its path from Location; fails unless the service returns 201.</summary>
    public async Task<string> CreateUploadAsync(long length, int workItemId, string fileName)
    {
        using var response = await CreateAsync(length, MetadataFor(workItemId, fileName));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    public Task<HttpResponseMessage> PatchAsync(string upload, long offset, byte[] bytes, string? checksum = null)
    {
        var request = Request(HttpMethod.Patch, upload);
        request.Headers.Add("Upload-Offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (checksum is not null)
        {
            request.Headers.Add("Upload-Checksum", checksum);
        }

        request.Content = Body(bytes);
        return Api.SendAsync(request);
    }

    public Task<HttpResponseMessage> HeadAsync(string upload) => Api.SendAsync(Request(HttpMethod.Head, upload));

    public Task<HttpResponseMessage> DeleteAsync(string upload) => Api.SendAsync(Request(HttpMethod.Delete, upload));

    /// <summary>Returns the upload id, the last segment of an upload path.</summary>
    public static string IdOf(string upload) => upload[(upload.LastIndexOf('/') + 1)..];

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    public static async Task<JsonObject> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
