using System.Text;

namespace AttachmentSync.Tus;

/// <summary>
/// Compares file names sent as metadata in Unicode normalization form C.
/// </summary>
/// <remarks>
/// Stored names are kept exactly as the client sent them. macOS clients often send decomposed (NFD) names
/// where Windows clients send composed (NFC) ones, so two names that look the same can differ in bytes.
/// </remarks>
public static class TusFileNames
{
    /// <summary>Returns whether two names are equal after NFC normalization, comparing ordinally.</summary>
    public static bool AreEquivalent(string? left, string? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        return string.Equals(ToNfc(left), ToNfc(right), StringComparison.Ordinal);
    }

    /// <summary>
    /// Returns the NFC form of <paramref name="name"/>, or the name unchanged when it contains an unpaired surrogate
    /// and so has no normal form.
    /// </summary>
    public static string ToNfc(string name)
    {
        try
        {
            return name.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return name;
        }
    }
}
