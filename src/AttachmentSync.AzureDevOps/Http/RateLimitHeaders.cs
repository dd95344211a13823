using System.Globalization;

namespace AttachmentSync.AzureDevOps.Http;

/// <summary>
/// Reads Azure DevOps's throttling headers: <c>Retry-After</c> (seconds or an HTTP date),
/// <c>X-RateLimit-Delay</c> (seconds, with fractions), <c>X-RateLimit-Remaining</c> and
/// <c>X-RateLimit-Reset</c> (Unix seconds). They may appear on any response, 200 included.
/// </summary>
public static class RateLimitHeaders
{
    public static TimeSpan? ReadRetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return ReadSeconds(response, "X-RateLimit-Delay");
    }

    public static double? ReadRemaining(HttpResponseMessage response) =>
        ReadDouble(response, "X-RateLimit-Remaining");

    public static DateTimeOffset? ReadReset(HttpResponseMessage response) =>
        ReadDouble(response, "X-RateLimit-Reset") is { } seconds
            ? DateTimeOffset.FromUnixTimeSeconds((long)seconds)
            : null;

    private static TimeSpan? ReadSeconds(HttpResponseMessage response, string name) =>
        ReadDouble(response, name) is { } seconds ? TimeSpan.FromSeconds(seconds) : null;

    private static double? ReadDouble(HttpResponseMessage response, string name)
    {
        if (!response.Headers.TryGetValues(name, out var values))
        {
            return null;
        }

        var text = values.FirstOrDefault();
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : null;
    }
}
