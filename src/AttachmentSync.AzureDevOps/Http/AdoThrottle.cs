using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace AttachmentSync.AzureDevOps.Http;

/// <summary>
/// Pace of all outgoing calls to one organization (one instance per service, shared by every client). A
/// token bucket caps the request rate, and the throttling headers of every response (200s included) slow
/// the next calls down before Azure DevOps blocks: <c>Retry-After</c> and <c>X-RateLimit-Delay</c> pause
/// all calls, <c>X-RateLimit-Remaining: 0</c> pauses until <c>X-RateLimit-Reset</c>, and a remaining
/// budget below <see cref="AdoThrottleOptions.SlowDownBelowRemaining"/> spreads the next calls evenly
/// until the reset.
/// </summary>
public sealed class AdoThrottle : IDisposable
{
    private readonly TimeProvider _timeProvider;
    private readonly TokenBucketRateLimiter _limiter;
    private readonly int _slowDownBelow;
    private readonly Lock _spacingLock = new();
    private long _pausedUntilTicks;
    private TimeSpan _spacing;
    private DateTimeOffset _spacingUntil;
    private DateTimeOffset _nextSlot;

    public AdoThrottle(IOptions<AdoThrottleOptions> options, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        var settings = options.Value;
        _slowDownBelow = settings.SlowDownBelowRemaining;
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

    public Task WaitAsync(CancellationToken cancellationToken) => WaitAsync(spendToken: true, cancellationToken);

    /// <summary>
    /// Waits until a call may go: after any pause Azure DevOps asked for and the slow-down before its limit,
    /// and, when <paramref name="spendToken"/> is set, for a token of the request-rate bucket.
    /// </summary>
    public async Task WaitAsync(bool spendToken, CancellationToken cancellationToken)
    {
        if (PausedUntil is { } until)
        {
            await Task.Delay(until - _timeProvider.GetUtcNow(), _timeProvider, cancellationToken);
        }

        var slot = ReserveSlot();
        var wait = slot - _timeProvider.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _timeProvider, cancellationToken);
        }

        if (spendToken)
        {
            using var lease = await _limiter.AcquireAsync(1, cancellationToken);
        }
    }

    public void Observe(HttpResponseMessage response)
    {
        var now = _timeProvider.GetUtcNow();
        if (RateLimitHeaders.ReadRetryAfter(response, now) is { } wait && wait > TimeSpan.Zero)
        {
            PauseUntil(now + wait);
        }

        if (RateLimitHeaders.ReadRemaining(response) is not { } remaining
            || RateLimitHeaders.ReadReset(response) is not { } reset || reset <= now)
        {
            return;
        }

        if (remaining < 1)
        {
            PauseUntil(reset);
        }
        else if (remaining < _slowDownBelow)
        {
            SpreadUntil(reset, (reset - now) / (remaining + 1));
        }
    }

    public void Dispose() => _limiter.Dispose();

    private DateTimeOffset ReserveSlot()
    {
        var now = _timeProvider.GetUtcNow();
        lock (_spacingLock)
        {
            if (now >= _spacingUntil)
            {
                return now;
            }

            var slot = _nextSlot > now ? _nextSlot : now;
            _nextSlot = slot + _spacing;
            return slot;
        }
    }

    private void SpreadUntil(DateTimeOffset reset, TimeSpan spacing)
    {
        lock (_spacingLock)
        {
            if (_spacingUntil <= _timeProvider.GetUtcNow() || spacing > _spacing)
            {
                _spacing = spacing;
            }

            _spacingUntil = reset > _spacingUntil ? reset : _spacingUntil;
        }
    }

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

    /// <summary>
    /// When <c>X-RateLimit-Remaining</c> falls below this, the calls left are spread evenly until
    /// <c>X-RateLimit-Reset</c> instead of being spent at once. Default 20.
    /// </summary>
    public int SlowDownBelowRemaining { get; set; } = 20;
}
