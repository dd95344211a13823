using System.Text;
using AttachmentSync.Core.Content;
using AttachmentSync.Core.Uploads;

namespace AttachmentSync.Core.Tests.Uploads;

public sealed class StoreSafetyTests
{
    [Fact]
    public async Task Invalid_base64_after_megabytes_stores_nothing()
    {
        using var store = new TempContentStore();
        var base64 = UploadBodies.Base64Json(UploadBodies.RandomFile(3 * 1024 * 1024), Base64Escaping.None);
        var body = Encoding.UTF8.GetBytes($$"""{"fileName":"a","file":"{{base64.TrimEnd('=')}}*AAA"}""");

        var error = await Assert.ThrowsAsync<UploadFormatException>(
            () => UploadBodies.ReadAsync(body, store.Store, chunkSize: 4096));

        Assert.Equal("file", error.Field);
        Assert.Empty(store.PublishedFiles());
        Assert.Empty(store.TempFiles());
    }

    [Theory]
    [InlineData(""" ,"a":{}""")]
    [InlineData(""" ,"file":"" """)]
    [InlineData(""" ,"a":1,"a":2""")]
    [InlineData(""" ,"a":tru""")]
    [InlineData(""" ,""")]
    [InlineData("""} x""")]
    public async Task Error_after_file_value_stores_nothing(string after)
    {
        using var store = new TempContentStore();
        var body = UploadBodies.Body(UploadBodies.RandomFile(2 * 1024 * 1024), after: after);

        await Assert.ThrowsAsync<UploadFormatException>(
            () => UploadBodies.ReadAsync(body, store.Store, chunkSize: 65_537));

        Assert.Empty(store.PublishedFiles());
        Assert.Empty(store.TempFiles());
    }

    [Fact]
    public async Task File_over_limit_is_rejected()
    {
        using var store = new TempContentStore();
        var body = UploadBodies.Body(UploadBodies.RandomFile(3 * 1024 * 1024 + 1));

        var error = await Assert.ThrowsAsync<ContentTooLargeException>(
            () => UploadBodies.ReadAsync(body, store.Store, maxFileBytes: 3 * 1024 * 1024));

        Assert.Equal(3 * 1024 * 1024, error.MaxLength);
        Assert.Empty(store.PublishedFiles());
        Assert.Empty(store.TempFiles());
    }

    [Fact]
    public async Task File_at_limit_is_stored()
    {
        using var store = new TempContentStore();
        var file = UploadBodies.RandomFile(3 * 1024 * 1024);

        var result = await UploadBodies.ReadAsync(UploadBodies.Body(file), store.Store, maxFileBytes: file.Length);

        Assert.Equal(file.Length, result.Content.Length);
        Assert.Single(store.PublishedFiles());
    }

    [Fact]
    public async Task Same_file_twice_is_stored_once()
    {
        using var store = new TempContentStore();
        var file = UploadBodies.RandomFile(1000);

        var first = await UploadBodies.ReadAsync(UploadBodies.Body(file), store.Store);
        var second = await UploadBodies.ReadAsync(UploadBodies.Body(file, escaping: Base64Escaping.Unicode),
            store.Store);

        Assert.Equal(first.Content, second.Content);
        Assert.Single(store.PublishedFiles());
    }

    [Fact]
    public async Task Cancellation_stops_the_read()
    {
        using var store = new TempContentStore();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var body = new ChunkedStream(UploadBodies.Body(UploadBodies.RandomFile(1000)), int.MaxValue);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => JsonBase64UploadReader.ReadAsync(body, store.Store, long.MaxValue, cancellation.Token));

        Assert.Empty(store.PublishedFiles());
    }
}
