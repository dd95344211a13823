using System.Text;
using AttachmentSync.Core.Uploads;

namespace AttachmentSync.Core.Tests.Uploads;

public sealed class FormatErrorTests
{
    public static TheoryData<string, string> InvalidBodies() => new()
    {
        // Structure of the body.
        { "", "body" },
        { " \r\n\t", "body" },
        { "[]", "body" },
        { "\"file\"", "body" },
        { "\uFEFF{\"file\":\"\"}", "body" },
        { """{"file":"" """, "body" },
        { """{"file":"",}""", "body" },
        { """{,"file":""}""", "body" },
        { """{"file":"" "a":1}""", "body" },
        { """{"a" 1,"file":""}""", "body" },
        { """{'a':1,"file":""}""", "body" },
        { """{a:1,"file":""}""", "body" },
        { """{"a":1,""", "body" },
        { """{"a":1""", "body" },
        { """{"a":""", "body" },
        { """{"file":""} x""", "body" },
        { """{"file":""}}""", "body" },
        { """{"file":""}{}""", "body" },
        { "{\"a\u0001\":1,\"file\":\"\"}", "body" },
        // Missing, duplicate and nested properties.
        { """{}""", "file" },
        { """{"fileName":"a.txt"}""", "file" },
        { """{"File":"QQ=="}""", "file" },
        { """{"file":"QQ==","file":"QQ=="}""", "file" },
        { """{"a":1,"a":2,"file":""}""", "a" },
        { """{"a":1,"file":"","a":1}""", "a" },
        { """{"a":{},"file":""}""", "a" },
        { """{"a":[1],"file":""}""", "a" },
        { """{"file":"","a":{"b":1}}""", "a" },
        // "file" that is not a string.
        { """{"file":42}""", "file" },
        { """{"file":null}""", "file" },
        { """{"file":true}""", "file" },
        { """{"file":{}}""", "file" },
        { """{"file":["QQ=="]}""", "file" },
        // Invalid strings.
        { "{\"c\":\"a\u0001b\",\"file\":\"\"}", "c" },
        { "{\"c\":\"a\nb\",\"file\":\"\"}", "c" },
        { """{"c":"\ud800","file":""}""", "c" },
        { """{"c":"\udc00","file":""}""", "c" },
        { """{"c":"\ud800\u0041","file":""}""", "c" },
        { """{"c":"\ude00\ud83d","file":""}""", "c" },
        { """{"c":"\q","file":""}""", "c" },
        { """{"c":"\u12G4","file":""}""", "c" },
        { """{"c":"\u12","file":""}""", "c" },
        { """{"c":"abc""", "c" },
        // Invalid numbers and literals.
        { """{"n":01,"file":""}""", "n" },
        { """{"n":1.,"file":""}""", "n" },
        { """{"n":-,"file":""}""", "n" },
        { """{"n":+1,"file":""}""", "n" },
        { """{"n":.5,"file":""}""", "n" },
        { """{"n":1e,"file":""}""", "n" },
        { """{"n":0x10,"file":""}""", "n" },
        { """{"n":tru,"file":""}""", "n" },
        { """{"n":True,"file":""}""", "n" },
        { """{"n":nulll,"file":""}""", "n" },
        { """{"n":NaN,"file":""}""", "n" },
        { """{"n":'a',"file":""}""", "n" },
        // Invalid base64 and invalid JSON inside the "file" string.
        { """{"file":"QQ*="}""", "file" },
        { """{"file":"QQ="}""", "file" },
        { """{"file":"QQ"}""", "file" },
        { """{"file":"QUJ"}""", "file" },
        { """{"file":"Q==="}""", "file" },
        { """{"file":"===="}""", "file" },
        { """{"file":"QQ==="}""", "file" },
        { """{"file":"QQ==QQ=="}""", "file" },
        { """{"file":"QQ=A"}""", "file" },
        { """{"file":"QR=="}""", "file" },
        { """{"file":"QUJ="}""", "file" },
        { """{"file":"QUJD "}""", "file" },
        { """{"file":" QUJD"}""", "file" },
        { """{"file":"QU JD"}""", "file" },
        { "{\"file\":\"QUJD\n\"}", "file" },
        { """{"file":"QUJD\n"}""", "file" },
        { """{"file":"QUJD\u0020"}""", "file" },
        { """{"file":"QU\"JD"}""", "file" },
        { """{"file":"QU\x"}""", "file" },
        { """{"file":"QU\u00"}""", "file" },
        { """{"file":"QU\u004G"}""", "file" },
        { """{"file":"QUJD-_=="}""", "file" },
        { """{"file":"QUJDé==="}""", "file" },
        { """{"file":"QUJD""", "file" },
        { """{"file":"QUJD\""", "file" },
        { """{"file":""", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Invalid_body_names_field(string json, string field)
    {
        foreach (var chunkSize in new[] { 1, 3, int.MaxValue })
        {
            using var store = new TempContentStore();
            var body = Encoding.UTF8.GetBytes(json);

            var error = await Assert.ThrowsAsync<UploadFormatException>(
                () => UploadBodies.ReadAsync(body, store.Store, chunkSize));

            Assert.Equal(field, error.Field);
            Assert.Empty(store.PublishedFiles());
            Assert.Empty(store.TempFiles());
        }
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0xC0, 0x80 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xF8, 0x88, 0x80, 0x80, 0x80 })]
    [InlineData(new byte[] { 0xE2, 0x82 })]
    [InlineData(new byte[] { 0xFF })]
    public async Task Invalid_utf8_is_rejected(byte[] invalid)
    {
        using var store = new TempContentStore();
        byte[] inValue = [.. "{\"c\":\"a"u8, .. invalid, .. "b\",\"file\":\"\"}"u8];
        byte[] inName = [.. "{\"a"u8, .. invalid, .. "\":1,\"file\":\"\"}"u8];
        byte[] inFile = [.. "{\"file\":\"QQ"u8, .. invalid, .. "\"}"u8];

        var valueError = await Assert.ThrowsAsync<UploadFormatException>(
            () => UploadBodies.ReadAsync(inValue, store.Store));
        var nameError = await Assert.ThrowsAsync<UploadFormatException>(
            () => UploadBodies.ReadAsync(inName, store.Store));
        var fileError = await Assert.ThrowsAsync<UploadFormatException>(
            () => UploadBodies.ReadAsync(inFile, store.Store));

        Assert.Equal("c", valueError.Field);
        Assert.Equal("body", nameError.Field);
        Assert.Equal("file", fileError.Field);
    }

    [Fact]
    public async Task Long_string_is_rejected()
    {
        using var store = new TempContentStore();
        var body = Encoding.UTF8.GetBytes($$"""{"comment":"{{new string('a', 64 * 1024 + 1)}}","file":""}""");

        var error = await Assert.ThrowsAsync<UploadFormatException>(() => UploadBodies.ReadAsync(body, store.Store));

        Assert.Equal("comment", error.Field);
        Assert.Equal("a string longer than 65536 bytes", error.Value);
    }

    [Fact]
    public async Task Long_number_is_rejected()
    {
        using var store = new TempContentStore();
        var body = Encoding.UTF8.GetBytes($$"""{"file":"","n":{{new string('1', 64 * 1024 + 1)}}}""");

        var error = await Assert.ThrowsAsync<UploadFormatException>(() => UploadBodies.ReadAsync(body, store.Store));

        Assert.Equal("n", error.Field);
    }

    [Fact]
    public async Task Property_count_is_limited()
    {
        using var store = new TempContentStore();
        var allowed = string.Concat(Enumerable.Range(0, 31).Select(i => $"\"p{i}\":{i},"));
        var tooMany = allowed + "\"p31\":31,";

        var result = await UploadBodies.ReadAsync(Encoding.UTF8.GetBytes($$"""{{{allowed}}"file":""}"""), store.Store);
        var error = await Assert.ThrowsAsync<UploadFormatException>(
            () => UploadBodies.ReadAsync(Encoding.UTF8.GetBytes($$"""{"file":"",{{tooMany.TrimEnd(',')}}}"""),
                store.Store));

        Assert.Equal(31, result.Properties.Count);
        Assert.Equal("body", error.Field);
    }

    [Fact]
    public async Task Base64_error_names_character_and_offset()
    {
        using var store = new TempContentStore();
        var body = """{"file":"QUJDQUJD*UJD"}"""u8.ToArray();

        var error = await Assert.ThrowsAsync<UploadFormatException>(() => UploadBodies.ReadAsync(body, store.Store));

        Assert.Equal("character '*' at body offset 17", error.Value);
        Assert.Equal("standard base64 with padding and no whitespace", error.Expected);
        Assert.Equal("Property 'file' is not valid base64: character '*' at body offset 17. "
            + "Expected standard base64 with padding and no whitespace.", error.Message);
    }

    [Fact]
    public async Task Error_value_is_an_excerpt()
    {
        using var store = new TempContentStore();
        var body = Encoding.UTF8.GetBytes($$"""{"comment":"{{new string('a', 1000)}}\q","file":""}""");

        var error = await Assert.ThrowsAsync<UploadFormatException>(() => UploadBodies.ReadAsync(body, store.Store));

        Assert.Equal("comment", error.Field);
        Assert.True(error.Value.Length < 100, error.Value);
        Assert.StartsWith("\"aaaa", error.Value, StringComparison.Ordinal);
    }
}
