using System.Globalization;
using AdoEmulator.Infrastructure;

namespace AdoEmulator.Faults;

/// <summary>Applies the request fault picked for a request before (or, for Reset, while) the endpoint runs.</summary>
internal sealed class FaultInjection(RequestDelegate next, FaultRegistry faults, TimeProvider time, IHostApplicationLifetime lifetime)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var rule = context.Request.Path.StartsWithSegments(AdminRoutes.Prefix) ? null : faults.NextRequestFault(context);
        if (rule is null)
        {
            await next(context);
            return;
        }

        var response = context.Response;
        switch (rule.Kind)
        {
            case FaultKind.RateLimit:
                AddRateLimitHeaders(response, rule, blocked: true);
                response.Headers.RetryAfter = rule.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await AdoErrors.RateLimited("WorkItemTracking").WriteAsync(context);
                return;
            case FaultKind.Status:
                await AdoErrors.ServerError(rule.StatusCode ?? 500).WriteAsync(context);
                return;
            case FaultKind.BadGatewayHtml:
                await WriteHtmlAsync(context, 502, FaultPages.BadGateway);
                return;
            case FaultKind.SignInPage:
                await WriteHtmlAsync(context, rule.StatusCode ?? 203, FaultPages.SignIn);
                return;
            case FaultKind.Timeout:
                using (var both = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping))
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, time, both.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }

                context.Abort();
                return;
            case FaultKind.Latency:
                await Task.Delay(TimeSpan.FromMilliseconds(rule.DelayMs), time, context.RequestAborted);
                break;
            case FaultKind.Conflict:
                FaultRegistry.MarkConflict(context);
                break;
            case FaultKind.RateLimitHeaders:
                AddRateLimitHeaders(response, rule, blocked: false);
                if (rule.DelayMs > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(rule.DelayMs), time, context.RequestAborted);
                }

                break;
            case FaultKind.Reset:
                response.Body = new ResetAfterStream(response.Body, rule.BytesBeforeReset, context);
                break;
        }

        await next(context);
    }

    private void AddRateLimitHeaders(HttpResponse response, FaultRule rule, bool blocked)
    {
        var reset = time.GetUtcNow().AddSeconds(rule.RetryAfterSeconds).ToUnixTimeSeconds();
        response.Headers["X-RateLimit-Resource"] = "WorkItemTracking";
        response.Headers["X-RateLimit-Limit"] = "200";
        response.Headers["X-RateLimit-Remaining"] = blocked || rule.DelayMs > 0 ? "0" : "50";
        response.Headers["X-RateLimit-Reset"] = reset.ToString(CultureInfo.InvariantCulture);
        if (rule.DelayMs > 0)
        {
            response.Headers["X-RateLimit-Delay"] = (rule.DelayMs / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
        }
    }

    private static async Task WriteHtmlAsync(HttpContext context, int status, string html)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(html, context.RequestAborted);
    }
}
