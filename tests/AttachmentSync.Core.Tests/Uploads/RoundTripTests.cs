using System.Text;
using System.Text.Json;
using AttachmentSync.Core.Uploads;

namespace AttachmentSync.Core.Tests.Uploads;

public sealed class RoundTripTests
{
    private static readonly int[] Sizes = [0, 1, 2, 3, 4, 100 * 1024];

    // 1 to 7 put read boundaries at every offset inside escapes, groups of 4 and multi-byte UTF-8;
    // 65_537 crosses the 64 KiB body buffer of the reader.
    private static readonly int[] ChunkSizes = [1, 2, 3, 4, 5, 6, 7, 4096, 65_537, int.MaxValue];

    public static TheoryData<int, int, Base64Escaping> SmallFiles()
    {
        var data = new TheoryData<int, int, Base64Escaping>();
        foreach (var size in Sizes)
        {
            foreach (var chunk in ChunkSizes)
            {
                foreach (var escaping in Enum.GetValues<Base64Escaping>())
                {
                    data.Add(size, chunk, escaping);
                }
            }
        }

        return data;
    }

    public static TheoryData<int, Base64Escaping> LargeFileChunks() => new()
    {
        { 1, Base64Escaping.Slash },
        { 7, Base64Escaping.Unicode },
        { 4096, Base64Escaping.None },
        { 65_537, Base64Escaping.Slash },
        { int.MaxValue, Base64Escaping.None },
    };

    [Theory]
    [MemberData(nameof(SmallFiles))]
    public async Task File_round_trips(int size, int chunkSize, Base64Escaping escaping)
    {
        using var store = new TempContentStore();
        var file = UploadBodies.RandomFile(size, seed: size);
        var body = UploadBodies.Body(file, """ "fileName":"a.bin", """, """ ,"workItemId":7 """, escaping);

        var result = await UploadBodies.ReadAsync(body, store.Store, chunkSize);

        Assert.Equal(UploadBodies.Sha256(file), result.Content.Sha256);
        Assert.Equal(size, result.Content.Length);
        Assert.Equal(file, UploadBodies.ReadStored(store.Store, result.Content));
        Assert.Equal("a.bin", result.Properties["fileName"].Text);
        Assert.Equal("7", result.Properties["workItemId"].Text);
    }

    [Theory]
    [MemberData(nameof(LargeFileChunks))]
    public async Task Five_megabyte_file_round_trips(int chunkSize, Base64Escaping escaping)
    {
        using var store = new TempContentStore();
        var file = UploadBodies.RandomFile(5 * 1024 * 1024);
        var body = UploadBodies.Body(file, after: ""","fileName":"big.bin" """, escaping: escaping);

        var result = await UploadBodies.ReadAsync(body, store.Store, chunkSize);

        Assert.Equal(UploadBodies.Sha256(file), result.Content.Sha256);
        Assert.Equal(file.Length, result.Content.Length);
        Assert.Single(store.PublishedFiles());
        Assert.Empty(store.TempFiles());
    }

    [Fact]
    public async Task Empty_string_is_zero_byte_file()
    {
        using var store = new TempContentStore();

        var result = await UploadBodies.ReadAsync("""{"file":""}"""u8.ToArray(), store.Store);

        Assert.Equal(0, result.Content.Length);
        Assert.Equal(UploadBodies.Sha256([]), result.Content.Sha256);
        Assert.Empty(result.Properties);
    }

    [Fact]
    public async Task Escaped_scalars_decode_at_every_split()
    {
        // Names and values mix every JSON escape, a surrogate pair, raw multi-byte UTF-8, NUL and NFD forms.
        const string before = """
             "fileName" : "r\u00e9sum\u00C9 \ud83d\ude00 😀 e\u0301 \"q\" \\ \/ \b\f\n\r\t \u0000.txt" ,
            "na\u00efve ☃" : "naïve ☃ 😀", "workItemId" : "42",
            """;
        const string after = """ , "n" : -1.5e+3, "t": true, "f" :false , "z": null, "e": "" """;
        var file = UploadBodies.RandomFile(10);
        var body = UploadBodies.Body(file, before, after, Base64Escaping.Slash);

        // A first read of 0 bytes would mean an empty body, so the first split is after 1 byte.
        for (var split = 1; split <= body.Length; split++)
        {
            using var store = new TempContentStore();
            var stream = new ChunkedStream(body, chunkSize: 3, firstChunkSize: split);

            var result = await JsonBase64UploadReader.ReadAsync(stream, store.Store, 100, CancellationToken.None);

            var properties = result.Properties;
            Assert.Equal("résumÉ \U0001F600 \U0001F600 e\u0301 \"q\" \\ / \b\f\n\r\t \0.txt",
                properties["fileName"].Text);
            Assert.Equal("naïve ☃ \U0001F600", properties["naïve ☃"].Text);
            Assert.Equal(new JsonUploadValue(JsonValueKind.Number, "-1.5e+3"), properties["n"]);
            Assert.Equal(JsonValueKind.True, properties["t"].Kind);
            Assert.Equal(JsonValueKind.False, properties["f"].Kind);
            Assert.Equal(JsonValueKind.Null, properties["z"].Kind);
            Assert.Equal("", properties["e"].Text);
            Assert.Equal(UploadBodies.Sha256(file), result.Content.Sha256);
        }
    }

    [Fact]
    public async Task Properties_keep_their_exact_names()
    {
        using var store = new TempContentStore();
        var body = Encoding.UTF8.GetBytes(
            """{"FileName":"upper","fileName":"lower","e\u0301":1,"é":2,"\u0000\u001f":3,"file":""}""");

        var result = await UploadBodies.ReadAsync(body, store.Store);

        Assert.Equal("upper", result.Properties["FileName"].Text);
        Assert.Equal("lower", result.Properties["fileName"].Text);
        Assert.Equal("1", result.Properties["e\u0301"].Text);
        Assert.Equal("2", result.Properties["\u00e9"].Text);
        Assert.Equal("3", result.Properties["\0\u001f"].Text);
    }

    [Fact]
    public async Task Escaped_file_name_is_the_file_property()
    {
        using var store = new TempContentStore();

        var result = await UploadBodies.ReadAsync("""{"fil\u0065":"QUJD"}"""u8.ToArray(), store.Store);

        Assert.Equal(UploadBodies.Sha256("ABC"u8.ToArray()), result.Content.Sha256);
    }

    [Fact]
    public async Task Whitespace_around_tokens_is_allowed()
    {
        using var store = new TempContentStore();
        var body = " \r\n\t{ \"a\" :\t1 ,\n\"file\"\r:\n\"QUI=\" } \n\t\r "u8.ToArray();

        var result = await UploadBodies.ReadAsync(body, store.Store, chunkSize: 1);

        Assert.Equal(2, result.Content.Length);
        Assert.Equal("1", result.Properties["a"].Text);
    }

    [Fact]
    public async Task String_of_max_length_is_accepted()
    {
        using var store = new TempContentStore();
        var comment = new string('a', 64 * 1024);
        var body = Encoding.UTF8.GetBytes($$"""{"comment":"{{comment}}","file":""}""");

        var result = await UploadBodies.ReadAsync(body, store.Store, chunkSize: 1000);

        Assert.Equal(comment, result.Properties["comment"].Text);
    }
}
