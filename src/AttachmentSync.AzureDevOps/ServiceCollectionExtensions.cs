using System.Net;
using AttachmentSync.AzureDevOps.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace AttachmentSync.AzureDevOps;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Azure DevOps clients over one typed HttpClient: PAT authentication limited to the
    /// organization's host, no redirects, the shared throttle, a per-attempt timeout, and retries of GETs
    /// on transient errors. Writes are never retried here, because a streamed body cannot be sent twice
    /// and the sync jobs decide how to repeat them.
    /// </summary>
    public static IServiceCollection AddAzureDevOpsClient(this IServiceCollection services)
    {
        services.AddOptions<AdoThrottleOptions>();
        services.AddSingleton<AdoThrottle>();
        services.AddTransient<AdoAuthenticationHandler>();
        services.AddTransient<AdoThrottleHandler>();
        services.AddTransient<AdoAttachmentsClient>();
        services.AddTransient<AdoWorkItemsClient>();
        services.AddTransient<AdoHooksClient>();
        services.AddTransient<AdoProjectsClient>();
        services.TryAddTimeProvider();

        services.AddHttpClient<AdoConnection>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .AddHttpMessageHandler<AdoAuthenticationHandler>()
            .AddHttpMessageHandler<AdoThrottleHandler>()
            .AddResilienceHandler("azure-devops", ConfigureResilience);
        return services;
    }

    private static void ConfigureResilience(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<AzureDevOpsOptions>>().Value;
        if (options.ReadRetries > 0)
        {
            var retry = new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.ReadRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
                ShouldRetryAfterHeader = true,
            };
            retry.DisableForUnsafeHttpMethods();
            builder.AddRetry(retry);
        }

        builder.AddTimeout(options.RequestTimeout);
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(descriptor => descriptor.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
