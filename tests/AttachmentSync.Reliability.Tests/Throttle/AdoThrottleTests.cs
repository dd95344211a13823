using System.Globalization;
using AttachmentSync.AzureDevOps.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AttachmentSync.Reliability.Tests.Throttle;

/// <summary>The organization-wide throttle reads Azure DevOps's rate-limit headers on every response, 200s included.</summary>
public sealed class AdoThrottleTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly AdoThrottle _throttle;

    public AdoThrottleTests()
    {
        _throttle = new AdoThrottle(Options.Create(new AdoThrottleOptions { Burst = 1000, RequestsPerMinute = 60000 }), _time);
    }

    public void Dispose() => _throttle.Dispose();

    [Fact]
    public async Task Retry_after_on_200_pauses_calls()
    {
        using var response = Ok(("Retry-After", "5"));

        _throttle.Observe(response);

        var wait = _throttle.WaitAsync(CancellationToken.None);
        await AssertPendingAsync(wait);
        _time.Advance(TimeSpan.FromSeconds(4));
        await AssertPendingAsync(wait);
        _time.Advance(TimeSpan.FromSeconds(1));
        await wait.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Call_without_token_skips_empty_bucket()
    {
        using var slow = new AdoThrottle(Options.Create(new AdoThrottleOptions { Burst = 1, RequestsPerMinute = 1 }), _time);
        await slow.WaitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        var spending = slow.WaitAsync(spendToken: true, CancellationToken.None);
        var chunk = slow.WaitAsync(spendToken: false, CancellationToken.None);

        await chunk.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(spending.IsCompleted);
    }

    [Fact]
    public async Task Rate_limit_delay_pauses_calls()
    {
        using var response = Ok(("X-RateLimit-Delay", "1.5"));

        _throttle.Observe(response);

        Assert.Equal(_time.GetUtcNow().AddSeconds(1.5), _throttle.PausedUntil);
        var wait = _throttle.WaitAsync(CancellationToken.None);
        await AssertPendingAsync(wait);
        _time.Advance(TimeSpan.FromSeconds(1.5));
        await wait.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Exhausted_budget_pauses_until_reset()
    {
        var reset = _time.GetUtcNow().AddSeconds(30);
        using var response = Ok(("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", Unix(reset)));

        _throttle.Observe(response);

        Assert.Equal(reset, _throttle.PausedUntil);
    }

    [Fact]
    public async Task Low_budget_spreads_calls_until_reset()
    {
        var reset = _time.GetUtcNow().AddSeconds(10);
        using var response = Ok(("X-RateLimit-Remaining", "4"), ("X-RateLimit-Reset", Unix(reset)));
        _throttle.Observe(response);

        var first = _throttle.WaitAsync(CancellationToken.None);
        var second = _throttle.WaitAsync(CancellationToken.None);

        await first.WaitAsync(TimeSpan.FromSeconds(5));
        await AssertPendingAsync(second);
        _time.Advance(TimeSpan.FromSeconds(2));
        await second.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Ample_budget_does_not_slow_calls()
    {
        var reset = _time.GetUtcNow().AddSeconds(10);
        using var response = Ok(("X-RateLimit-Remaining", "150"), ("X-RateLimit-Reset", Unix(reset)));
        _throttle.Observe(response);

        for (var i = 0; i < 20; i++)
        {
            await _throttle.WaitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        }

        Assert.Null(_throttle.PausedUntil);
    }

    private static HttpResponseMessage Ok(params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    private static string Unix(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static async Task AssertPendingAsync(Task task)
    {
        await Task.Delay(50);
        Assert.False(task.IsCompleted, "the call went out before the throttle allowed it");
    }
}
