namespace AttachmentSync.Server.Configuration;

/// <summary>The service-hook receiver (configuration section <c>Webhook</c>).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhook";

    /// <summary>
    /// Shared secret (<c>ATTACHMENT_WEBHOOK_SECRET</c>), at least 16 characters. A delivery is accepted when its
    /// Basic password, or its <c>X-Webhook-Secret</c> header, equals it. Azure DevOps does not sign payloads.
    /// </summary>
    public string Secret { get; set; } = "";

    /// <summary>
    /// Public URL of <c>/api/webhooks/workitem</c> as Azure DevOps reaches it (<c>ATTACHMENT_WEBHOOK_URL</c>);
    /// used when the service creates its own subscriptions. Optional.
    /// </summary>
    public Uri? PublicUrl { get; set; }

    /// <summary>
    /// Key of the optional HMAC-SHA256 signature (<c>ATTACHMENT_WEBHOOK_HMAC_KEY</c>), at least 16 characters.
    /// Set it when deliveries pass through a relay that signs them; Azure DevOps itself signs nothing.
    /// Default none (signatures are ignored).
    /// </summary>
    public string? HmacKey { get; set; }

    /// <summary>
    /// Header that carries the signature, <c>sha256=&lt;hex&gt;</c> over the raw body. Default <c>X-Hub-Signature-256</c>.
    /// </summary>
    public string SignatureHeader { get; set; } = "X-Hub-Signature-256";

    /// <summary>
    /// Whether a delivery must carry a valid signature even when its secret is right. Needs
    /// <see cref="HmacKey"/>. Default false.
    /// </summary>
    public bool RequireSignature { get; set; }

    /// <summary>Largest delivery body accepted, in bytes. Default 4 MiB.</summary>
    public int MaxBodyBytes { get; set; } = 4 * 1024 * 1024;
}
