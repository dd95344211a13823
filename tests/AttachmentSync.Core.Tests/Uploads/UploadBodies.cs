using System.Security.Cryptography;
using System.Text;
using AttachmentSync.Core.Content;
using AttachmentSync.Core.Uploads;

namespace AttachmentSync.Core.Tests.Uploads;

/// <summary>How the base64 text of a test file is written inside its JSON string.</summary>
public enum Base64Escaping
{
    None,

    /// <summary>Every '/' written as <c>\/</c>.</summary>
    Slash,

    /// <summary>Every '+', '/' and '=' written as a <c>\uXXXX</c> escape.</summary>
    Unicode,
}

internal static class UploadBodies
{
    public static byte[] RandomFile(int length, int seed = 1)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    public static string Base64Json(byte[] file, Base64Escaping escaping)
    {
        var text = Convert.ToBase64String(file);
        return escaping switch
        {
            Base64Escaping.Slash => text.Replace("/", "\\/", StringComparison.Ordinal),
            Base64Escaping.Unicode => text.Replace("+", "\\u002B", StringComparison.Ordinal)
                .Replace("/", "\\u002f", StringComparison.Ordinal)
                .Replace("=", "\\u003D", StringComparison.Ordinal),
            _ => text,
        };
    }

    /// <summary>Builds <c>{before "file":"..." after}</c>; the fragments bring their own commas.</summary>
    public static byte[] Body(byte[] file, string before = "", string after = "",
        Base64Escaping escaping = Base64Escaping.None) =>
        Encoding.UTF8.GetBytes($$"""{{{before}}"file":"{{Base64Json(file, escaping)}}"{{after}}}""");

    public static Task<JsonUploadResult> ReadAsync(byte[] body, IContentStore store, int chunkSize = int.MaxValue,
        long maxFileBytes = long.MaxValue) =>
        JsonBase64UploadReader.ReadAsync(new ChunkedStream(body, chunkSize), store, maxFileBytes,
            CancellationToken.None);

    public static string Sha256(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public static byte[] ReadStored(IContentStore store, StoredContent content)
    {
        using var stream = store.OpenRead(content.Sha256)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
