namespace AdoEmulator.Infrastructure;

/// <summary>
/// Counts each request under the name of the endpoint it routed to, before authentication and faults, so rejected
/// and faulted requests count too. Unmatched paths count as "unmatched".
/// </summary>
internal sealed class RequestCounting(RequestDelegate next, RequestCounters counters)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(AdminRoutes.Prefix))
        {
            var name = context.GetEndpoint()?.Metadata.GetMetadata<AdoRouteName>()?.Name ?? "unmatched";
            counters.AddRequest($"{context.Request.Method} {name}");
        }

        return next(context);
    }
}
