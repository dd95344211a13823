using System.Globalization;
using AttachmentSync.Core.Content;
using AttachmentSync.Core.Sync;
using AttachmentSync.Core.Uploads;
using AttachmentSync.Server.Problems;
using AttachmentSync.Server.Uploads;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace AttachmentSync.Server.Endpoints;

/// <summary>
/// <c>POST /api/sync/upload</c> in three forms: the JSON body with a base64 <c>file</c>, multipart/form-data,
/// and a raw body with <c>workItemId</c> and <c>fileName</c> in the query string. The bytes are hashed while
/// they stream into the store, so no buffer contains the whole file.
/// </summary>
public static class UploadEndpoints
{
    public static void MapUploadEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/sync/upload", UploadAsync)
            .WithName("UploadAttachment")
            .WithSummary("Stores a file and puts it on its work item in Azure DevOps.")
            .Produces<AttachmentResponse>(StatusCodes.Status201Created)
            .Produces<AttachmentResponse>(StatusCodes.Status202Accepted)
            .Produces<AttachmentResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
    }

    private static async Task<IResult> UploadAsync(
        HttpContext context, IContentStore store, AttachmentIngestor ingestor, IOptions<SyncOptions> options,
        CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxUploadBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            // The stores enforce the file limit while streaming; the request itself may carry form overhead.
            bodySize.MaxRequestBodySize = null;
        }

        if (context.Request.ContentLength > limit * 4 / 3 + 64 * 1024)
        {
            return Problem.TooLarge(limit, "upload");
        }

        UploadedFile upload;
        try
        {
            upload = await UploadRequestReader.ReadAsync(context.Request, store, limit, cancellationToken);
        }
        catch (UploadFormatException exception)
        {
            return Problem.BadUpload(exception);
        }
        catch (ContentTooLargeException exception)
        {
            return Problem.TooLarge(exception.MaxLength, "file");
        }

        return await IngestAsync(upload, ingestor, cancellationToken);
    }

    internal static async Task<IResult> IngestAsync(
        UploadedFile upload, AttachmentIngestor ingestor, CancellationToken cancellationToken)
    {
        if (!int.TryParse(upload.WorkItemId, NumberStyles.None, CultureInfo.InvariantCulture, out var workItemId)
            || workItemId <= 0)
        {
            return Problem.BadField("workItemId", upload.WorkItemId, "a positive integer work item id");
        }

        if (FileNameRules.Check(upload.FileName) is { } expected)
        {
            return Problem.BadField("fileName", upload.FileName, expected);
        }

        var outcome = await ingestor.IngestAsync(workItemId, upload.FileName!, upload.Content, upload.ContentType, null,
            cancellationToken);
        return ToResult(outcome);
    }

    internal static IResult ToResult(IngestOutcome outcome)
    {
        var body = outcome.Record is { } record ? AttachmentResponse.From(record) : null;
        return outcome.Status switch
        {
            IngestStatus.Synced => Results.Created(body!.ContentUrl, body),
            IngestStatus.Pending => Results.Accepted(body!.ContentUrl, body),
            IngestStatus.AlreadyPresent => Results.Ok(body),
            IngestStatus.WorkItemNotFound => Problem.NotFound(outcome.Detail!),
            _ => Results.Problem(title: "Rejected by Azure DevOps", detail: outcome.Detail,
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["attachment"] = body }),
        };
    }
}
