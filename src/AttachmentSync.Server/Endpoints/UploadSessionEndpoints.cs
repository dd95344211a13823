using AttachmentSync.Core.Uploads;
using AttachmentSync.Server.Problems;

namespace AttachmentSync.Server.Endpoints;

/// <summary><c>GET /api/sync/upload-session/{sessionUuid}</c>: progress of a resumable (tus) upload.</summary>
public static class UploadSessionEndpoints
{
    public static void MapUploadSessionEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/sync/upload-session/{sessionUuid}", GetAsync)
            .WithName("GetUploadSession")
            .WithSummary("Reports bytes received, chunks, expiry and the resulting attachment of a resumable upload.");
    }

    private static async Task<IResult> GetAsync(
        string sessionUuid, IUploadSessionRepository sessions, CancellationToken cancellationToken)
    {
        if (sessionUuid.Length is 0 or > 128)
        {
            return Problem.BadField("sessionUuid", sessionUuid, "the id from the upload's Location URL");
        }

        var session = await sessions.GetAsync(sessionUuid, cancellationToken);
        if (session is null)
        {
            return Problem.NotFound($"No upload session has the id {Problem.Excerpt(sessionUuid)}.");
        }

        return Results.Ok(new
        {
            sessionUuid = session.SessionId,
            session.WorkItemId,
            session.FileName,
            totalSize = session.TotalSize,
            bytesReceived = session.BytesReceived,
            chunksReceived = session.ChunksReceived,
            percent = session.TotalSize == 0 ? 100.0 : Math.Round(100.0 * session.BytesReceived / session.TotalSize, 1),
            status = session.Status.ToString().ToUpperInvariant(),
            attachmentId = session.AttachmentId,
            attachmentUrl = session.AttachmentId is { } id ? $"/api/sync/attachments/{id}/content" : null,
            expiresAt = session.ExpiresAt,
            createdAt = session.CreatedAt,
            updatedAt = session.UpdatedAt,
        });
    }
}
