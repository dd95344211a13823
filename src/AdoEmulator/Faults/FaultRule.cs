namespace AdoEmulator.Faults;

/// <summary>Kinds of fault the admin API can inject.</summary>
public enum FaultKind
{
    /// <summary>429 with Retry-After and the X-RateLimit-* headers.</summary>
    RateLimit,

    /// <summary>Any status (default 500) with the Azure DevOps error envelope.</summary>
    Status,

    /// <summary>502 with an HTML body, as a proxy in front of the service sends it.</summary>
    BadGatewayHtml,

    /// <summary>200 or 203 (default) with an HTML sign-in page in place of the expected content.</summary>
    SignInPage,

    /// <summary>Waits <see cref="FaultRule.DelayMs"/> before handling the request normally.</summary>
    Latency,

    /// <summary>Sends the first <see cref="FaultRule.BytesBeforeReset"/> bytes of the response, then aborts the connection.</summary>
    Reset,

    /// <summary>Sends no response. The request ends when the client gives up.</summary>
    Timeout,

    /// <summary>Forces 409 TF26071 on a work-item PATCH, as a concurrent save does.</summary>
    Conflict,

    /// <summary>
    /// Adds the X-RateLimit-* headers to a normal response, and X-RateLimit-Delay with a real delay when DelayMs is set.
    /// </summary>
    RateLimitHeaders,

    /// <summary>Hook delivery: the notification is never sent.</summary>
    HookDrop,

    /// <summary>Hook delivery: the notification is sent twice.</summary>
    HookDuplicate,

    /// <summary>Hook delivery: the notification is held back so that later ones overtake it (DelayMs, default 250).</summary>
    HookReorder,

    /// <summary>Hook delivery: the notification is sent after DelayMs.</summary>
    HookDelay,
}

/// <summary>
/// One fault rule. It applies to requests matching <see cref="Method"/> (any when null) and <see cref="Route"/>:
/// a route name such as "workitems.update", or a path pattern with '*' for one segment and '**' for any rest
/// (any when null). It fires with <see cref="Probability"/> drawn from a generator seeded with <see cref="Seed"/>,
/// at most <see cref="Count"/> times when set.
/// </summary>
public sealed class FaultRule
{
    public Guid Id { get; set; }

    public FaultKind Kind { get; set; }

    public string? Method { get; set; }

    public string? Route { get; set; }

    public double Probability { get; set; } = 1.0;

    public int Seed { get; set; } = 1;

    public int? Count { get; set; }

    public int? StatusCode { get; set; }

    public int RetryAfterSeconds { get; set; } = 5;

    public int DelayMs { get; set; }

    public long BytesBeforeReset { get; set; } = 1024;

    internal Random? Random { get; set; }

    internal bool IsHookFault => Kind >= FaultKind.HookDrop;
}

/// <summary>Hook delivery faults, as picked for one notification.</summary>
internal enum HookFaultKind
{
    Drop,
    Duplicate,
    Reorder,
    Delay,
}

internal sealed record HookFault(HookFaultKind Kind, TimeSpan Delay);
