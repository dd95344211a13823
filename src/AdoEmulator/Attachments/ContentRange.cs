using System.Globalization;
using System.Text.RegularExpressions;

namespace AdoEmulator.Attachments;

/// <summary>
/// The <c>Content-Range: bytes {first}-{last}/{total}</c> header of a chunk, with inclusive positions. Azure DevOps
/// rejects a header that lacks any of the three numbers.
/// </summary>
internal sealed partial record ContentRange(long First, long Last, long Total)
{
    public long Length => Last - First + 1;

    public bool IsLast => Last + 1 == Total;

    public static ContentRange? Parse(string? header)
    {
        var match = Format().Match(header ?? "");
        if (!match.Success)
        {
            return null;
        }

        var first = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var last = long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        var total = long.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
        return last < first || last >= total ? null : new ContentRange(first, last, total);
    }

    [GeneratedRegex(@"^\s*bytes\s+(\d{1,18})-(\d{1,18})/(\d{1,18})\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Format();
}
