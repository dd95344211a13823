using System.Net;
using AttachmentSync.AzureDevOps;

namespace AttachmentSync.Core.Sync;

/// <summary>
/// Decides whether a job failure is worth retrying. Transient: 408, 429, 5xx, HTML error pages from a
/// proxy, timeouts, broken connections and an exhausted conflict retry. Permanent: every other 4xx (size
/// limit, bad range, 403), a missing work item or attachment (404), and failures a handler marked
/// permanent itself. A 401 or sign-in page is retried, because renewing the PAT fixes it without any
/// change to the job.
/// </summary>
public static class FailureClassifier
{
    public static JobFailure Classify(Exception exception) => exception switch
    {
        JobFailedException failure => new JobFailure(failure.IsPermanent, failure.Message, failure.RetryAfter),
        AdoApiException ado => FromAdo(ado),
        TimeoutException => new JobFailure(false, $"Azure DevOps did not respond in time: {exception.Message}"),
        HttpRequestException or IOException =>
            new JobFailure(false, $"the connection to Azure DevOps broke: {exception.Message}"),
        OperationCanceledException => new JobFailure(false, $"the call to Azure DevOps timed out: {exception.Message}"),
        _ => new JobFailure(false, $"unexpected {exception.GetType().Name}: {exception.Message}"),
    };

    private static JobFailure FromAdo(AdoApiException exception) => exception.Kind switch
    {
        AdoErrorKind.Transient when exception.StatusCode == HttpStatusCode.TooManyRequests =>
            new JobFailure(false, $"Azure DevOps throttled the request (429): {exception.Message}",
                exception.RetryAfter, IsThrottled: true),
        AdoErrorKind.Transient or AdoErrorKind.Conflict =>
            new JobFailure(false, exception.Message, exception.RetryAfter),
        AdoErrorKind.Authentication => new JobFailure(false,
            "Azure DevOps rejected the personal access token; renew AzureDevOps:Pat (AZDO_PAT). " + exception.Message),
        AdoErrorKind.NotFound => new JobFailure(true, exception.Message),
        _ when exception.StatusCode == HttpStatusCode.Forbidden => new JobFailure(true,
            "Azure DevOps denied access (403); the PAT needs Work Items read & write on this project. " +
            exception.Message),
        _ => new JobFailure(true, exception.Message),
    };
}
