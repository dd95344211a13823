namespace AttachmentSync.Core.Uploads;

/// <summary>
/// Raised when an upload body is not the expected JSON object. The host maps it to a 400 response.
/// </summary>
public sealed class UploadFormatException : Exception
{
    public UploadFormatException(string field, string problem, string value, string expected)
        : base($"{problem}: {value}. Expected {expected}.")
    {
        Field = field;
        Value = value;
        Expected = expected;
    }

    public UploadFormatException(string field, string problem, string value, string expected, Exception inner)
        : base($"{problem}: {value}. Expected {expected}.", inner)
    {
        Field = field;
        Value = value;
        Expected = expected;
    }

    /// <summary>The JSON property name, or "body" for errors in the structure of the document.</summary>
    public string Field { get; }

    /// <summary>A short description of what was received, never the whole value.</summary>
    public string Value { get; }

    /// <summary>What the reader expected at that point.</summary>
    public string Expected { get; }
}
