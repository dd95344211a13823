using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace AttachmentSync.AzureDevOps.Http;

/// <summary>
/// Pace of all outgoing calls to one organization. A token bucket caps the request rate, and the
/// throttling headers of every response (200s included) push the next call back: <c>Retry-After</c>
/// and <c>X-RateLimit-Delay</c> set a pause, and <c>X-RateLimit-Remaining: 0</c> pauses until
/// <c>X-RateLimit-Reset</c>.
/// </summary>
public sealed class AdoThrottle : IDisposable
{
    private readonly TimeProvider _timeProvider;
    private readonly TokenBucketRateLimiter _limiter;
    private long _pausedUntilTicks;

    public AdoThrottle(IOptions<AdoThrottleOptions> options, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        var settings = options.Value;
        _limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.Burst,
            TokensPerPeriod = Math.Max(1, settings.RequestsPerMinute / 60),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    /// <summary>The time before which no call is sent, or null when calls may go now.</summary>
    public DateTimeOffset? PausedUntil
    {
        get
        {
            var ticks = Interlocked.Read(ref _pausedUntilTicks);
            return ticks > _timeProvider.GetUtcNow().UtcTicks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        }
    }

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        if (PausedUntil is { } until)
        {
            await Task.Delay(until - _timeProvider.GetUtcNow(), _timeProvider, cancellationToken);
        }

        using var lease = await _limiter.AcquireAsync(1, cancellationToken);
    }

    public void Observe(HttpResponseMessage response)
    {
        var now = _timeProvider.GetUtcNow();
        if (RateLimitHeaders.ReadRetryAfter(response, now) is { } wait && wait > TimeSpan.Zero)
        {
            PauseUntil(now + wait);
        }

        if (RateLimitHeaders.ReadRemaining(response) is 0 && RateLimitHeaders.ReadReset(response) is { } reset)
        {
            PauseUntil(reset);
        }
    }

    public void Dispose() => _limiter.Dispose();

    private void PauseUntil(DateTimeOffset until)
    {
        var ticks = until.UtcTicks;
        long current;
        do
        {
            current = Interlocked.Read(ref _pausedUntilTicks);
            if (current >= ticks)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _pausedUntilTicks, ticks, current) != current);
    }
}

/// <summary>Client-side pace for calls to Azure DevOps (configuration section <c>AzureDevOps:Throttle</c>).</summary>
public sealed class AdoThrottleOptions
{
    /// <summary>Sustained request rate. Default 500 per minute.</summary>
    public int RequestsPerMinute { get; set; } = 500;

    /// <summary>Requests that may go at once after a quiet period. Default 50.</summary>
    public int Burst { get; set; } = 50;
}
