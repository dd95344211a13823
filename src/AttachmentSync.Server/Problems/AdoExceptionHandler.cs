using AttachmentSync.AzureDevOps;
using Microsoft.AspNetCore.Diagnostics;

namespace AttachmentSync.Server.Problems;

/// <summary>
/// Turns an Azure DevOps failure that reaches an endpoint into a ProblemDetails response instead of a 500:
/// a missing work item or attachment is 404, a transient failure 503 (with Retry-After when Azure DevOps
/// sent one), and a rejected PAT or request 502, because the fault is upstream of this service.
/// </summary>
public sealed partial class AdoExceptionHandler(IProblemDetailsService problems, ILogger<AdoExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not AdoApiException ado)
        {
            return false;
        }

        var (status, title) = ado.Kind switch
        {
            AdoErrorKind.NotFound => (StatusCodes.Status404NotFound, "Not found in Azure DevOps"),
            AdoErrorKind.Transient => (StatusCodes.Status503ServiceUnavailable, "Azure DevOps is unavailable"),
            _ => (StatusCodes.Status502BadGateway, "Azure DevOps rejected the request"),
        };
        LogAdoFailure(logger, httpContext.Request.Path, ado.Kind, ado.Message);
        if (ado.RetryAfter is { } wait && status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = ado.Message },
        });
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "Request {Path} failed in Azure DevOps ({Kind}): {Reason}")]
    private static partial void LogAdoFailure(ILogger logger, string path, AdoErrorKind kind, string reason);
}
