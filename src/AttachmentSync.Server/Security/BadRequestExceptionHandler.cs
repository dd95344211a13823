using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace AttachmentSync.Server.Security;

/// <summary>
/// Turns <see cref="BadHttpRequestException"/> (a body over the size limit, JSON that cannot be bound, a
/// truncated body) into ProblemDetails with the exception's status code, so a client error never shows as 500.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest || httpContext.Response.HasStarted)
        {
            return false;
        }

        var detail = badRequest.InnerException is JsonException json
            ? $"{badRequest.Message} {json.Message}"
            : badRequest.Message;
        if (badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            detail += $" The limit is set by {RequestLimitOptions.SectionName}:{nameof(RequestLimitOptions.MaxRequestBodyBytes)}.";
        }

        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = badRequest.StatusCode,
                Title = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Payload too large" : "Invalid request",
                Detail = detail,
            },
        });
    }
}
