using System.Net;
using static AttachmentSync.Tests.Tus.TusRequests;

namespace AttachmentSync.Tests.Tus;

/// <summary>
/// Upload-Metadata at creation: the tus rules (syntax, base64, UTF-8, unique keys) and the service's own
/// (<c>filename</c> and a positive integer <c>workItemId</c>), each rejected with 400 before any byte is sent.
/// </summary>
[Collection(TusCollection.Name)]
public sealed class TusMetadataTests(TusHost host)
{
    private TusRequests Tus => host.Tus;

    /// <summary>Metadata headers in which <c>{id}</c> stands for the base64 of an existing work item id.</summary>
    public static TheoryData<string, string> TusRuleViolations() => new()
    {
        { "workItemId {id}", "filename" },
        { Metadata(("filename", "a.txt")), "workItemId" },
        { "filename,workItemId {id}", "filename" },
        { "filename not*base64,workItemId {id}", "filename" },
        { "filename /w==,workItemId {id}", "filename" },
        { Metadata(("filename", "a.txt")) + ",workItemId {id}," + Metadata(("filename", "b.txt")), "filename" },
        { "filename YQ== extra,workItemId {id}", "filename" },
    };

    [Theory]
    [MemberData(nameof(TusRuleViolations))]
    public async Task Invalid_metadata_returns_400_naming_key(string template, string key)
    {
        var id = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
            host.WorkItemId.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        using var response = await Tus.CreateAsync(10, template.Replace("{id}", id, StringComparison.Ordinal));
        var problem = await ProblemAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Upload-Metadata", (string?)problem["header"]);
        Assert.Equal(key, (string?)problem["key"]);
        Assert.Equal("1.0.0", Header(response, "Tus-Resumable"));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData(" 7")]
    [InlineData("99999999999")]
    public async Task Invalid_workItemId_returns_400(string workItemId)
    {
        using var response = await Tus.CreateAsync(10, Metadata(("filename", "a.txt"), ("workItemId", workItemId)));
        var problem = await ProblemAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Upload-Metadata workItemId", (string?)problem["field"]);
        Assert.Equal(workItemId, (string?)problem["value"]);
    }

    [Fact]
    public async Task Overlong_filename_returns_400()
    {
        var name = new string('n', 4097);

        using var response = await Tus.CreateAsync(10, MetadataFor(host.WorkItemId, name));
        var problem = await ProblemAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Upload-Metadata filename", (string?)problem["field"]);
    }

    [Fact]
    public async Task Unicode_filename_is_kept_as_sent()
    {
        var metadata = MetadataFor(host.WorkItemId, "Prüfbericht 日本語 😀.log") + ",comment";

        using var created = await Tus.CreateAsync(10, metadata);
        using var head = await Tus.HeadAsync(created.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(metadata, Header(head, "Upload-Metadata"));
    }
}
