using System.Text;
using AttachmentSync.Server.Configuration;
using AttachmentSync.Server.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace AttachmentSync.Security.Tests.Webhooks;

/// <summary>How the secret and the optional signature combine, for each setting of the HMAC options.</summary>
public sealed class SignatureRuleTests
{
    private const string Secret = "webhook-secret-0123456789";
    private const string Key = "hmac-key-0123456789abcdef";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"eventType":"workitem.updated"}""");

    public static TheoryData<string?, bool, bool, string?, bool> Cases() => new()
    {
        // HMAC key, signature required, secret sent, signature sent ("good", "bad" or null), accepted
        { null, false, true, null, true },
        { null, false, false, null, false },
        { null, false, false, "good", false },
        { null, false, true, "bad", true },
        { Key, false, true, null, true },
        { Key, false, false, "good", true },
        { Key, false, true, "good", true },
        { Key, false, true, "bad", false },
        { Key, false, false, "bad", false },
        { Key, false, false, null, false },
        { Key, true, true, null, false },
        { Key, true, false, "good", true },
        { Key, true, true, "bad", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Secret_and_signature_combine(string? hmacKey, bool required, bool sendSecret, string? signature, bool accepted)
    {
        var options = new WebhookOptions { Secret = Secret, HmacKey = hmacKey, RequireSignature = required };
        var authenticator = new WebhookAuthenticator(new FixedMonitor(options));
        var context = new DefaultHttpContext();
        if (sendSecret)
        {
            context.Request.Headers[WebhookAuthenticator.SecretHeader] = Secret;
        }

        if (signature is not null)
        {
            context.Request.Headers[options.SignatureHeader] = signature == "good"
                ? WebhookSignature.Compute(Body, Key)
                : WebhookSignature.Compute(Body, Key + "-other");
        }

        Assert.Equal(accepted, authenticator.IsAuthentic(context.Request, Body));
    }

    [Fact]
    public void Headers_alone_decide_when_body_is_read()
    {
        var options = new WebhookOptions { Secret = Secret, HmacKey = Key };
        var authenticator = new WebhookAuthenticator(new FixedMonitor(options));
        var unsigned = new DefaultHttpContext();
        var signed = new DefaultHttpContext();
        signed.Request.Headers[options.SignatureHeader] = "sha256=00";

        Assert.False(authenticator.MayBeAuthentic(unsigned.Request));
        Assert.True(authenticator.MayBeAuthentic(signed.Request));
    }

    private sealed class FixedMonitor(WebhookOptions value) : IOptionsMonitor<WebhookOptions>
    {
        public WebhookOptions CurrentValue => value;

        public WebhookOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<WebhookOptions, string?> listener) => null;
    }
}
