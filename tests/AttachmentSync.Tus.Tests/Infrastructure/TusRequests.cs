using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace AttachmentSync.Tus.Tests.Infrastructure;

/// <summary>
/// Builds tus requests by hand, header by header, as a client on the wire would send them.
/// </summary>
internal static class TusRequests
{
    public const string OffsetOctetStream = "application/offset+octet-stream";

    public static HttpRequestMessage Request(HttpMethod method, string url, bool tusResumable = true)
    {
        var request = new HttpRequestMessage(method, url);
        if (tusResumable)
        {
            request.Headers.Add("Tus-Resumable", "1.0.0");
        }

        return request;
    }

    public static HttpRequestMessage Create(long length, string? metadata = null)
    {
        var request = Request(HttpMethod.Post, TusTestServer.EndpointPath);
        request.Headers.Add("Upload-Length", length.ToString(CultureInfo.InvariantCulture));
        if (metadata is not null)
        {
            request.Headers.TryAddWithoutValidation("Upload-Metadata", metadata);
        }

        return request;
    }

    public static HttpRequestMessage Patch(string url, long offset, byte[] body, string? checksum = null)
    {
        var request = Request(HttpMethod.Patch, url);
        request.Headers.Add("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
        if (checksum is not null)
        {
            request.Headers.TryAddWithoutValidation("Upload-Checksum", checksum);
        }

        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(OffsetOctetStream);
        return request;
    }

    /// <summary>Creates an upload and returns its URL (the Location header).</summary>
    public static async Task<string> CreateUploadAsync(this HttpClient client, long length, string? metadata = null)
    {
        using var response = await client.SendAsync(Create(length, metadata));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    public static async Task<HttpResponseMessage> HeadAsync(this HttpClient client, string url) =>
        await client.SendAsync(Request(HttpMethod.Head, url));

    /// <summary>Returns the Upload-Offset of a HEAD response.</summary>
    public static async Task<long> GetOffsetAsync(this HttpClient client, string url)
    {
        using var response = await client.HeadAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return long.Parse(response.Header("Upload-Offset"), CultureInfo.InvariantCulture);
    }

    /// <summary>Returns the single value of a response header, or fails the test.</summary>
    public static string Header(this HttpResponseMessage response, string name)
    {
        Assert.True(response.Headers.TryGetValues(name, out var values), $"response has no {name} header");
        return Assert.Single(values);
    }

    public static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    public static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Reads an RFC 7807 problem document and checks its content type and status.</summary>
    public static async Task<JsonElement> ReadProblemAsync(this HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    public static string Text(this JsonElement problem, string property) =>
        problem.GetProperty(property).GetString()!;
}
