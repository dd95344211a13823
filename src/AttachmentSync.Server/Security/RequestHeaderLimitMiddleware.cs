using System.Text;
using Microsoft.Extensions.Options;

namespace AttachmentSync.Server.Security;

/// <summary>
/// Returns 431 with ProblemDetails when the request headers exceed <see cref="RequestLimitOptions.MaxRequestHeadersBytes"/>,
/// before authentication or any endpoint runs. The size counts each header as <c>name: value</c> plus CRLF.
/// </summary>
public sealed class RequestHeaderLimitMiddleware(
    RequestDelegate next, IOptions<RequestLimitOptions> options, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestHeadersBytes;
        var size = HeaderBytes(context.Request.Headers);
        if (size <= limit)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status431RequestHeaderFieldsTooLarge;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status431RequestHeaderFieldsTooLarge,
                Title = "Request headers too large",
                Detail = $"The request headers take {size} bytes, above the limit of {limit} bytes " +
                         $"({RequestLimitOptions.SectionName}:{nameof(RequestLimitOptions.MaxRequestHeadersBytes)}).",
                Extensions = { ["limit"] = limit },
            },
        });
    }

    private static long HeaderBytes(IHeaderDictionary headers)
    {
        long size = 0;
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                size += Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(value ?? "") + 4;
            }
        }

        return size;
    }
}
