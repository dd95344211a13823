using System.Globalization;
using System.Net;
using static AttachmentSync.Tests.Tus.TusRequests;

namespace AttachmentSync.Tests.Tus;

/// <summary>tus 1.0 core and creation rules on <c>/api/sync/uploads</c>: OPTIONS, Tus-Resumable and POST.</summary>
[Collection(TusCollection.Name)]
public sealed class TusCreationTests(TusHost host)
{
    private TusRequests Tus => host.Tus;

    [Fact]
    public async Task Options_lists_version_extensions_and_limits()
    {
        using var response = await Tus.Api.SendAsync(new HttpRequestMessage(HttpMethod.Options, UploadsPath));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("1.0.0", Header(response, "Tus-Version"));
        Assert.Equal("1.0.0", Header(response, "Tus-Resumable"));
        Assert.Equal(
            ["checksum", "creation", "creation-with-upload", "expiration", "termination"],
            Header(response, "Tus-Extension").Split(',').Order());
        Assert.Equal("sha1,sha256", Header(response, "Tus-Checksum-Algorithm"));
        Assert.Equal((4L * 1024 * 1024 * 1024).ToString(CultureInfo.InvariantCulture), Header(response, "Tus-Max-Size"));
    }

    [Fact]
    public async Task Request_without_Tus_Resumable_returns_412()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, UploadsPath);
        request.Headers.Add("Upload-Length", "10");
        request.Headers.Add("Upload-Metadata", MetadataFor(host.WorkItemId, "a.txt"));

        using var response = await Tus.Api.SendAsync(request);
        var problem = await ProblemAsync(response);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("1.0.0", Header(response, "Tus-Version"));
        Assert.Equal("Tus-Resumable", (string?)problem["header"]);
    }

    [Fact]
    public async Task Request_with_other_version_returns_412()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, UploadsPath);
        request.Headers.Add("Tus-Resumable", "0.2.2");
        request.Headers.Add("Upload-Length", "10");

        using var response = await Tus.Api.SendAsync(request);
        var problem = await ProblemAsync(response);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("0.2.2", (string?)problem["received"]);
        Assert.Equal("1.0.0", (string?)problem["expected"]);
    }

    [Fact]
    public async Task Creation_returns_201_with_location_and_expiry()
    {
        var before = DateTimeOffset.UtcNow;

        using var response = await Tus.CreateAsync(10, MetadataFor(host.WorkItemId, "a.txt"));
        var location = response.Headers.Location!.OriginalString;
        var expires = DateTimeOffset.Parse(Header(response, "Upload-Expires"), CultureInfo.InvariantCulture);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Matches("^/api/sync/uploads/[0-9a-f]{32}$", location);
        Assert.Equal("1.0.0", Header(response, "Tus-Resumable"));
        Assert.InRange(expires, before.AddHours(24).AddSeconds(-2), DateTimeOffset.UtcNow.AddHours(24).AddSeconds(2));
    }

    [Fact]
    public async Task Creation_with_body_stores_it()
    {
        using var response = await Tus.CreateAsync(100, MetadataFor(host.WorkItemId, "b.bin"), new byte[60]);
        using var head = await Tus.HeadAsync(response.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("60", Header(response, "Upload-Offset"));
        Assert.Equal("60", Header(head, "Upload-Offset"));
    }

    [Fact]
    public async Task Creation_body_of_other_type_returns_415()
    {
        using var request = Request(HttpMethod.Post, UploadsPath);
        request.Headers.Add("Upload-Length", "10");
        request.Headers.Add("Upload-Metadata", MetadataFor(host.WorkItemId, "c.bin"));
        request.Content = Body(new byte[10], "application/octet-stream");

        using var response = await Tus.Api.SendAsync(request);
        var problem = await ProblemAsync(response);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/octet-stream", (string?)problem["received"]);
    }

    [Theory]
    [InlineData(null, "missing")]
    [InlineData("-1", "negative")]
    [InlineData("ten", "not a number")]
    public async Task Invalid_Upload_Length_returns_400(string? length, string because)
    {
        using var request = Request(HttpMethod.Post, UploadsPath);
        request.Headers.Add("Upload-Metadata", MetadataFor(host.WorkItemId, "d.bin"));
        if (length is not null)
        {
            request.Headers.Add("Upload-Length", length);
        }

        using var response = await Tus.Api.SendAsync(request);
        var problem = await ProblemAsync(response);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{because}: {response.StatusCode}");
        Assert.Equal("Upload-Length", (string?)problem["header"]);
    }

    [Fact]
    public async Task Upload_Defer_Length_returns_400()
    {
        using var request = Request(HttpMethod.Post, UploadsPath);
        request.Headers.Add("Upload-Defer-Length", "1");
        request.Headers.Add("Upload-Metadata", MetadataFor(host.WorkItemId, "e.bin"));

        using var response = await Tus.Api.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Length_over_max_size_returns_413()
    {
        using var response = await Tus.CreateAsync(4L * 1024 * 1024 * 1024 + 1, MetadataFor(host.WorkItemId, "f.bin"));
        var problem = await ProblemAsync(response);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("Upload-Length", (string?)problem["header"]);
    }
}
