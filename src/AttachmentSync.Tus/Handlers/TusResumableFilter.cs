using AttachmentSync.Tus.Protocol;
using Microsoft.AspNetCore.Http;

namespace AttachmentSync.Tus.Handlers;

/// <summary>
/// Adds Tus-Resumable to every response and checks it on every request except OPTIONS.
/// </summary>
/// <remarks>
/// tus 1.0.0 core (Tus-Resumable): every request and response except OPTIONS carries the protocol version. A request
/// whose version the server does not support is rejected with 412 Precondition Failed and the Tus-Version header.
/// </remarks>
internal sealed class TusResumableFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        http.Response.Headers[TusHeaders.TusResumable] = TusHeaders.Version;

        if (HttpMethods.IsOptions(http.Request.Method))
        {
            return await next(context);
        }

        var received = http.Request.Headers[TusHeaders.TusResumable].ToString();
        if (received == TusHeaders.Version)
        {
            return await next(context);
        }

        http.Response.Headers[TusHeaders.TusVersion] = TusHeaders.Version;
        var detail = received.Length == 0
            ? $"{TusHeaders.TusResumable} is missing; this server speaks tus {TusHeaders.Version}."
            : $"{TusHeaders.TusResumable} '{received}' is not supported; this server speaks tus {TusHeaders.Version}.";

        return new TusProblem(
            TusRejection.UnsupportedVersion,
            detail,
            TusHeaders.TusResumable,
            received,
            TusHeaders.Version).ToResult();
    }
}
