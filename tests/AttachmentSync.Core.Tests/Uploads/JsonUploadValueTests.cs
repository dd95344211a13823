using System.Text.Json;
using AttachmentSync.Core.Uploads;

namespace AttachmentSync.Core.Tests.Uploads;

public sealed class JsonUploadValueTests
{
    [Theory]
    [InlineData(JsonValueKind.Number, "42", 42L)]
    [InlineData(JsonValueKind.Number, "-3", -3L)]
    [InlineData(JsonValueKind.String, "42", 42L)]
    [InlineData(JsonValueKind.String, "007", 7L)]
    public void TryGetInt64_reads_integers(JsonValueKind kind, string text, long expected)
    {
        var found = new JsonUploadValue(kind, text).TryGetInt64(out var value);

        Assert.True(found);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData(JsonValueKind.Number, "1.5")]
    [InlineData(JsonValueKind.Number, "1e3")]
    [InlineData(JsonValueKind.Number, "99999999999999999999")]
    [InlineData(JsonValueKind.String, "-3")]
    [InlineData(JsonValueKind.String, " 42")]
    [InlineData(JsonValueKind.String, "+42")]
    [InlineData(JsonValueKind.String, "")]
    [InlineData(JsonValueKind.Null, null)]
    [InlineData(JsonValueKind.True, null)]
    public void TryGetInt64_rejects_other_values(JsonValueKind kind, string? text)
    {
        var found = new JsonUploadValue(kind, text).TryGetInt64(out _);

        Assert.False(found);
    }
}
