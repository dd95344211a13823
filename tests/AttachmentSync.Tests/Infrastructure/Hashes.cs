using System.Security.Cryptography;

namespace AttachmentSync.Tests.Infrastructure;

public static class Hashes
{
    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string Sha256(Stream stream) => Convert.ToHexStringLower(SHA256.HashData(stream));

    public static string Sha256File(string path)
    {
        using var stream = File.OpenRead(path);
        return Sha256(stream);
    }
}
