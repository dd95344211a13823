namespace AttachmentSync.Server.Webhooks;

/// <summary>Adds the start-up registration of service-hook subscriptions.</summary>
public static class WebhookRegistrationExtensions
{
    public static IServiceCollection AddWebhookRegistration(this IServiceCollection services)
    {
        services.AddSingleton<WebhookRegistrar>();
        services.AddHostedService<WebhookRegistrationService>();
        return services;
    }
}
