using System.Globalization;
using System.Text.Json;

namespace AttachmentSync.Core.Uploads;

/// <summary>
/// A scalar JSON property of an upload body. <paramref name="Text"/> is the decoded string for
/// <see cref="JsonValueKind.String"/>, the number as written for <see cref="JsonValueKind.Number"/>,
/// and null for true, false and null.
/// </summary>
public sealed record JsonUploadValue(JsonValueKind Kind, string? Text)
{
    /// <summary>
    /// Reads an integer written as a JSON number without fraction or exponent (<c>42</c>, <c>-3</c>),
    /// or as a string of ASCII digits (<c>"42"</c>).
    /// </summary>
    public bool TryGetInt64(out long value)
    {
        value = 0;
        return Kind switch
        {
            JsonValueKind.Number => long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture,
                out value),
            JsonValueKind.String => long.TryParse(Text, NumberStyles.None, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }
}
