namespace AttachmentSync.Server.Security;

/// <summary>Log messages of the security layer. None carries a key or any part of one.</summary>
internal static partial class SecurityLog
{
    [LoggerMessage(EventId = 500, Level = LogLevel.Warning,
        Message = "No API key is configured (Security:ApiKeys or ATTACHMENT_API_KEYS): the service listens on loopback only " +
                  "and serves every caller on this machine")]
    public static partial void NoApiKeys(ILogger logger);

    [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "API key authentication is on with {KeyCount} key(s)")]
    public static partial void ApiKeysConfigured(ILogger logger, int keyCount);

    [LoggerMessage(EventId = 502, Level = LogLevel.Critical, Message = "Stopping: {Reason}")]
    public static partial void ExposedWithoutKeys(ILogger logger, string reason);
}
