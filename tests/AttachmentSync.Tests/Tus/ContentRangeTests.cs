using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AttachmentSync.Tests.Tus;

/// <summary>
/// HTTP range requests (RFC 9110, section 14) on <c>GET /api/sync/attachments/{id}/content</c>, which a tester
/// uses to read part of a large log.
/// </summary>
[Collection(TusCollection.Name)]
public sealed class ContentRangeTests(TusHost host) : IAsyncLifetime
{
    private const int Size = 10_000;

    private readonly byte[] _bytes = new byte[Size];
    private string _contentUrl = "";

    private HttpClient Api => host.Sync.Api;

    public async Task InitializeAsync()
    {
        new Random(Size).NextBytes(_bytes);
        using var body = new ByteArrayContent(_bytes);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await Api.PostAsync(
            $"/api/sync/upload?workItemId={host.WorkItemId}&fileName=range.log", body);
        response.EnsureSuccessStatusCode();
        var record = await response.Content.ReadFromJsonAsync<JsonObject>();
        _contentUrl = (string)record!["contentUrl"]!;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Full_read_advertises_byte_ranges()
    {
        using var response = await GetAsync(null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("bytes", string.Join(",", response.Headers.AcceptRanges));
        Assert.Equal(Size, response.Content.Headers.ContentLength);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(_bytes, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("bytes=100-199", 100, 199)]
    [InlineData("bytes=0-0", 0, 0)]
    [InlineData("bytes=9990-", 9990, 9999)]
    [InlineData("bytes=9990-20000", 9990, 9999)]
    public async Task Single_range_returns_206(string range, int first, int last)
    {
        using var response = await GetAsync(range);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes {first}-{last}/{Size}", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(last - first + 1, response.Content.Headers.ContentLength);
        Assert.Equal(_bytes[first..(last + 1)], await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(300)]
    [InlineData(Size)]
    [InlineData(Size + 500)]
    public async Task Suffix_range_returns_last_bytes(int suffix)
    {
        var first = Math.Max(0, Size - suffix);

        using var response = await GetAsync($"bytes=-{suffix}");

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes {first}-{Size - 1}/{Size}", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(_bytes[first..], await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("bytes=10000-")]
    [InlineData("bytes=20000-20010")]
    public async Task Unsatisfiable_range_returns_416(string range)
    {
        using var response = await GetAsync(range);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal($"bytes */{Size}", response.Content.Headers.ContentRange?.ToString());
    }

    [Theory]
    [InlineData("bytes=abc")]
    [InlineData("items=0-10")]
    public async Task Invalid_range_returns_whole_file(string range)
    {
        using var response = await GetAsync(range);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Size, (await response.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task Stale_If_Range_returns_whole_file()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _contentUrl);
        request.Headers.TryAddWithoutValidation("Range", "bytes=0-9");
        request.Headers.TryAddWithoutValidation("If-Range", "\"0000\"");

        using var response = await Api.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Size, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Matching_If_Range_returns_range()
    {
        using var full = await GetAsync(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, _contentUrl);
        request.Headers.TryAddWithoutValidation("Range", "bytes=0-9");
        request.Headers.TryAddWithoutValidation("If-Range", full.Headers.ETag!.ToString());

        using var response = await Api.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(10, response.Content.Headers.ContentLength);
    }

    private async Task<HttpResponseMessage> GetAsync(string? range)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _contentUrl);
        if (range is not null)
        {
            request.Headers.TryAddWithoutValidation("Range", range);
        }

        return await Api.SendAsync(request);
    }
}
