using AttachmentSync.Core.Attachments;
using AttachmentSync.Core.Content;
using AttachmentSync.Server.Problems;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace AttachmentSync.Server.Endpoints;

/// <summary>Reading the ledger and the stored files: list, content, deduplication lookup.</summary>
public static class AttachmentEndpoints
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static void MapAttachmentEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/sync/attachments/{workItemId:int}", ListAsync)
            .WithName("ListAttachments")
            .WithSummary("Lists the live attachments of a work item.");
        routes.MapGet("/api/sync/attachments/{id:guid}/content", ReadContentAsync)
            .WithName("ReadAttachmentContent")
            .WithSummary("Streams a stored file, with Range support.");
        routes.MapGet("/api/sync/deduplication/{sha256}", FindByContentAsync)
            .WithName("FindByContent")
            .WithSummary("Tells whether content with this SHA-256 is stored, and where it is used.");
    }

    private static async Task<IResult> ListAsync(int workItemId, IAttachmentRepository attachments, CancellationToken cancellationToken)
    {
        var records = await attachments.ListByWorkItemAsync(workItemId, includeDeleted: false, cancellationToken);
        return Results.Ok(records.Select(AttachmentResponse.From));
    }

    private static async Task<IResult> ReadContentAsync(
        Guid id, HttpContext context, IAttachmentRepository attachments, IContentStore store,
        CancellationToken cancellationToken)
    {
        var record = await attachments.FindByAnyIdAsync(id, cancellationToken);
        if (record is null || record.State == SyncState.Deleted)
        {
            return Problem.NotFound($"No attachment has the id {id}.");
        }

        if (record.Sha256 is not { } sha256 || store.OpenRead(sha256) is not { } stream)
        {
            return Results.Problem(title: "Not available yet",
                detail: $"Attachment {id} is {record.State.ToString().ToUpperInvariant()}; its bytes are not stored yet.",
                statusCode: StatusCodes.Status409Conflict);
        }

        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.ContentDisposition = ContentDispositionFor(record.FileName);
        IgnoreOtherRangeUnits(context.Request);
        return Results.Stream(stream, ContentTypeFor(record), enableRangeProcessing: true,
            entityTag: new EntityTagHeaderValue($"\"{sha256}\""));
    }

    private static async Task<IResult> FindByContentAsync(
        string sha256, IDeduplicationIndex index, IAttachmentRepository attachments, IContentStore store,
        CancellationToken cancellationToken)
    {
        var normalized = sha256.ToLowerInvariant();
        if (!ContentHash.IsValid(normalized))
        {
            return Problem.BadField("sha256", sha256, "64 hexadecimal digits");
        }

        var entry = await index.GetAsync(normalized, cancellationToken);
        var records = await attachments.ListByContentAsync(normalized, cancellationToken);
        if (entry is null && records.Count == 0)
        {
            return Problem.NotFound($"No content with SHA-256 {normalized} is known.");
        }

        return Results.Ok(new
        {
            sha256 = normalized,
            stored = store.Exists(normalized),
            adoAttachmentId = entry?.AdoAttachmentId,
            adoAttachmentUrl = entry?.AdoAttachmentUrl,
            duplicateCount = entry?.DuplicateCount ?? 0,
            attachments = records.Select(AttachmentResponse.From),
        });
    }

    /// <summary>
    /// Removes a Range header whose unit is not <c>bytes</c>, because RFC 9110 (section 14.2) requires a
    /// server to ignore it, and ASP.NET Core's range processing would apply it as a byte range.
    /// </summary>
    private static void IgnoreOtherRangeUnits(HttpRequest request)
    {
        var range = request.Headers.Range.ToString();
        if (range.Length > 0 && !range.TrimStart().StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            request.Headers.Remove(HeaderNames.Range);
        }
    }

    private static string ContentTypeFor(AttachmentRecord record) =>
        ContentTypes.TryGetContentType(record.FileName, out var guessed) ? guessed : "application/octet-stream";

    /// <summary>
    /// Builds <c>attachment; filename="ascii"; filename*=UTF-8''encoded</c>. The ASCII fallback replaces
    /// anything outside printable ASCII, quotes and backslashes, so no name can break the header.
    /// </summary>
    internal static string ContentDispositionFor(string fileName)
    {
        var fallback = string.Concat(fileName.Select(c => c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '_'));
        return $"attachment; filename=\"{fallback}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
    }
}
