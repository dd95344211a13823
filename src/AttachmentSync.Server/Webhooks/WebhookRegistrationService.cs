using AttachmentSync.Server.Configuration;
using Microsoft.Extensions.Options;

namespace AttachmentSync.Server.Webhooks;

/// <summary>
/// Registers the service's service-hook subscriptions once at start-up when <c>Webhook:PublicUrl</c> is set.
/// It runs beside start-up, never before it, and an Azure DevOps that is slow or rejects the requests only costs a logged error.
/// </summary>
public sealed class WebhookRegistrationService(WebhookRegistrar registrar, IOptions<WebhookOptions> options)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.PublicUrl is not { } callbackUrl)
        {
            return;
        }

        // Leaves the host's start-up path before the first request to Azure DevOps.
        await Task.Yield();
        try
        {
            await registrar.EnsureSubscriptionsAsync(callbackUrl, options.Value.Secret, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The service stops; the next start registers what is still missing.
        }
    }
}
