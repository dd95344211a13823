namespace AttachmentSync.Server.Problems;

/// <summary>
/// Builds RFC 7807 responses that name the field, the value received and what was expected, so a client
/// can fix its request without reading server logs.
/// </summary>
public static class Problem
{
    public static IResult BadField(string field, string? value, string expected, int status = StatusCodes.Status400BadRequest)
    {
        var shown = Excerpt(value);
        return Results.Problem(
            title: "Invalid request",
            detail: $"'{field}' {(value is null ? "is missing" : $"has the value '{shown}'")}; expected {expected}.",
            statusCode: status,
            extensions: new Dictionary<string, object?> { ["field"] = field, ["value"] = shown, ["expected"] = expected });
    }

    /// <summary>A 400 for a malformed upload, with the reader's own sentence as the detail.</summary>
    public static IResult BadUpload(AttachmentSync.Core.Uploads.UploadFormatException exception) =>
        Results.Problem(
            title: "Invalid request",
            detail: exception.Message,
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?>
            {
                ["field"] = exception.Field,
                ["value"] = Excerpt(exception.Value),
                ["expected"] = exception.Expected,
            });

    public static IResult NotFound(string detail) =>
        Results.Problem(title: "Not found", detail: detail, statusCode: StatusCodes.Status404NotFound);

    public static IResult TooLarge(long limit, string what) =>
        Results.Problem(title: "Payload too large",
            detail: $"The {what} is larger than the limit of {limit} bytes.",
            statusCode: StatusCodes.Status413PayloadTooLarge,
            extensions: new Dictionary<string, object?> { ["limit"] = limit });

    /// <summary>Shortens a received value for display and replaces control characters.</summary>
    public static string? Excerpt(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var cut = value.Length > 200 ? value[..200] + "…" : value;
        return string.Concat(cut.Select(c => char.IsControl(c) ? '\uFFFD' : c));
    }
}
