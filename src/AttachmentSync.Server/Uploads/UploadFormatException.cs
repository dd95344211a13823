namespace AttachmentSync.Server.Uploads;

/// <summary>A malformed upload request; the endpoint answers 400 naming the field, the value and what was expected.</summary>
public sealed class UploadFormatException(string field, string? value, string expected)
    : Exception($"'{field}' is invalid; expected {expected}.")
{
    public string Field { get; } = field;

    public string? Value { get; } = value;

    public string Expected { get; } = expected;
}
