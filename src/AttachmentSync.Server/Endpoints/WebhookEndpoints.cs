using System.Data.Common;
using System.Text.Json;
using AttachmentSync.Core.Sync;
using AttachmentSync.Core.Webhooks;
using AttachmentSync.Server.Configuration;
using AttachmentSync.Server.Problems;
using AttachmentSync.Server.Webhooks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace AttachmentSync.Server.Endpoints;

/// <summary>
/// <c>POST /api/webhooks/workitem</c>, the Azure DevOps service-hook receiver. It stores the delivery and
/// responds at once, and the sync runs later as a job. Azure DevOps retries only 408, 502, 503 and 504 and puts
/// the subscription on probation for any other failure, so internal trouble returns 503.
/// </summary>
public static class WebhookEndpoints
{
    /// <summary>
    /// Time a delivery may wait for its turn to write before the endpoint returns 503, so a database that another
    /// process keeps locked produces retried deliveries instead of a growing queue of waiting requests. Deliveries
    /// whose transaction has begun do not observe it. They are stored if the lock clears within SQLite's busy
    /// timeout (10 s), and get 503 after that timeout otherwise.
    /// </summary>
    internal static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(5);

    public static void MapWebhookEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/webhooks/workitem", ReceiveAsync)
            .WithName("ReceiveWorkItemWebhook")
            .WithSummary("Receives workitem.created, workitem.updated and workitem.deleted service-hook deliveries.")
            .AllowAnonymous()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> ReceiveAsync(
        HttpContext context, WebhookAuthenticator authenticator, IWebhookDeliveryStore deliveries, JobSignals signals,
        IOptions<WebhookOptions> webhookOptions, IOptions<SyncOptions> syncOptions, TimeProvider timeProvider,
        ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        if (!authenticator.MayBeAuthentic(context.Request))
        {
            return Unauthorized(context, webhookOptions.Value);
        }

        var limit = webhookOptions.Value.MaxBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            return Problem.TooLarge(limit, "webhook delivery");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            // The read below stops at the webhook's own limit.
            bodySize.MaxRequestBodySize = null;
        }

        using var body = await PooledBody.ReadAsync(context.Request.Body, limit, context.Request.ContentLength,
            cancellationToken);
        if (body.TooLarge)
        {
            return Problem.TooLarge(limit, "webhook delivery");
        }

        if (!authenticator.IsAuthentic(context.Request, body.Memory.Span))
        {
            return Unauthorized(context, webhookOptions.Value);
        }

        return await StoreAsync(
            body.Memory, deliveries, signals, syncOptions.Value, timeProvider, loggerFactory, cancellationToken);
    }

    private static IResult Unauthorized(HttpContext context, WebhookOptions options)
    {
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"webhook\"";
        var signature = string.IsNullOrEmpty(options.HmacKey)
            ? ""
            : $", or sign the body in the {options.SignatureHeader} header";
        return Results.Problem(title: "Unauthorized",
            detail: "The delivery has no valid credentials: send the shared secret as the Basic password " +
                    $"or in the {WebhookAuthenticator.SecretHeader} header{signature}.",
            statusCode: StatusCodes.Status401Unauthorized);
    }

    private static async Task<IResult> StoreAsync(
        ReadOnlyMemory<byte> body, IWebhookDeliveryStore deliveries, JobSignals signals, SyncOptions options,
        TimeProvider timeProvider, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        WebhookDelivery? delivery;
        string? invalidField;
        try
        {
            (delivery, invalidField) = WebhookPayloadParser.Parse(body.Span, timeProvider.GetUtcNow());
        }
        catch (JsonException exception)
        {
            return Problem.BadField("body", exception.Message, "a JSON service-hook payload");
        }

        if (delivery is null)
        {
            return Problem.BadField(invalidField!, null, "the property of a work item service-hook payload");
        }

        if (delivery.WorkItemId == 0)
        {
            return Results.Ok(new { accepted = false, reason = $"event type '{delivery.EventType}' is not handled" });
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StoreTimeout);
        try
        {
            var added = await deliveries.TryAddAsync(delivery, options.AutoSyncOnWebhook, deadline.Token);
            if (added && options.AutoSyncOnWebhook)
            {
                signals.NotifyEnqueued();
            }

            return Results.Ok(new { accepted = true, duplicate = !added, workItemId = delivery.WorkItemId });
        }
        catch (DbException exception)
        {
            Logger(loggerFactory).LogWarning(
                exception, "Webhook delivery {DeliveryKey} could not be stored; returning 503", delivery.DeliveryKey);
            return StorageUnavailable();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Logger(loggerFactory).LogWarning("Webhook delivery {DeliveryKey} waited {Timeout} for the database; returning 503",
                delivery.DeliveryKey, StoreTimeout);
            return StorageUnavailable();
        }
    }

    /// <summary>Creates the logger on the failure paths only, so a stored delivery costs no logger lookup.</summary>
    private static ILogger Logger(ILoggerFactory loggerFactory) => loggerFactory.CreateLogger(typeof(WebhookEndpoints).FullName!);

    private static IResult StorageUnavailable() =>
        Results.Problem(title: "Service unavailable",
            detail: "The delivery could not be stored; Azure DevOps retries it.",
            statusCode: StatusCodes.Status503ServiceUnavailable);
}
