using AttachmentSync.Tus.Protocol;
using Microsoft.AspNetCore.Http;

namespace AttachmentSync.Tus.Handlers;

/// <summary>
/// Serves a POST to an upload URL as the method named in X-HTTP-Method-Override.
/// </summary>
/// <remarks>
/// tus 1.0.0 core (X-HTTP-Method-Override): a client whose environment cannot send PATCH, DELETE or HEAD sends POST
/// with this header, and the server handles the request as the named method.
/// </remarks>
internal sealed class MethodOverrideHandler(
    HeadHandler head,
    PatchHandler patch,
    TerminationHandler termination,
    TusCapabilities capabilities)
{
    public Task<IResult> HandleAsync(HttpContext context, string id)
    {
        var method = context.Request.Headers[TusHeaders.MethodOverride].ToString();

        if (HttpMethods.IsPatch(method))
        {
            return patch.HandleAsync(context, id);
        }

        if (HttpMethods.IsHead(method))
        {
            return head.HandleAsync(context, id);
        }

        if (HttpMethods.IsDelete(method) && capabilities.Termination is not null)
        {
            return termination.HandleAsync(context, id);
        }

        var problem = new TusProblem(
            TusRejection.InvalidHeader,
            $"POST to an upload URL needs {TusHeaders.MethodOverride} set to PATCH, DELETE or HEAD.",
            TusHeaders.MethodOverride,
            method,
            "PATCH, DELETE or HEAD");

        return Task.FromResult(problem.ToResult());
    }
}
