using Microsoft.AspNetCore.Http;

namespace AttachmentSync.Tus.Protocol;

/// <summary>
/// Maps each <see cref="TusRejection"/> to its HTTP status and writes it as an RFC 7807 problem document.
/// </summary>
internal static class TusProblemResults
{
    /// <summary>Status 460 Checksum Mismatch, defined by the tus checksum extension.</summary>
    public const int ChecksumMismatchStatus = 460;

    public static int StatusCode(TusRejection rejection) => rejection switch
    {
        TusRejection.UnsupportedVersion => StatusCodes.Status412PreconditionFailed,
        TusRejection.InvalidHeader => StatusCodes.Status400BadRequest,
        TusRejection.UploadNotFound => StatusCodes.Status404NotFound,
        TusRejection.UploadExpired => StatusCodes.Status410Gone,
        TusRejection.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        TusRejection.OffsetMismatch => StatusCodes.Status409Conflict,
        TusRejection.UploadLocked => StatusCodes.Status423Locked,
        TusRejection.TooLarge => StatusCodes.Status413PayloadTooLarge,
        TusRejection.ChecksumMismatch => ChecksumMismatchStatus,
        _ => throw new ArgumentOutOfRangeException(nameof(rejection), rejection, "Unknown rejection."),
    };

    public static IResult ToResult(this TusProblem problem)
    {
        var extensions = new Dictionary<string, object?>();
        Add(extensions, "header", problem.Header);
        Add(extensions, "received", problem.Received);
        Add(extensions, "expected", problem.Expected);
        Add(extensions, "key", problem.MetadataKey);

        return Results.Problem(
            detail: problem.Detail,
            statusCode: StatusCode(problem.Rejection),
            title: Title(problem.Rejection),
            extensions: extensions);
    }

    private static string Title(TusRejection rejection) => rejection switch
    {
        TusRejection.UnsupportedVersion => "Unsupported tus version",
        TusRejection.InvalidHeader => "Invalid tus header",
        TusRejection.UploadNotFound => "Upload not found",
        TusRejection.UploadExpired => "Upload expired",
        TusRejection.UnsupportedMediaType => "Unsupported content type",
        TusRejection.OffsetMismatch => "Upload offset mismatch",
        TusRejection.UploadLocked => "Upload locked",
        TusRejection.TooLarge => "Upload too large",
        TusRejection.ChecksumMismatch => "Checksum mismatch",
        _ => rejection.ToString(),
    };

    private static void Add(Dictionary<string, object?> extensions, string name, string? value)
    {
        if (value is not null)
        {
            extensions[name] = value;
        }
    }
}
