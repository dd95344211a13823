namespace AttachmentSync.Core.Content;

/// <summary>Checks the form of content keys: 64 lower-case hex digits.</summary>
public static class ContentHash
{
    public static bool IsValid(string? value) =>
        value is { Length: 64 } && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
