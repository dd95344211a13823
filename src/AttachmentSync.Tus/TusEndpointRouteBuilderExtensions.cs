using AttachmentSync.Tus.Handlers;
using AttachmentSync.Tus.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AttachmentSync.Tus;

/// <summary>
/// Maps the tus endpoint.
/// </summary>
public static class TusEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps a tus 1.0.0 endpoint at <paramref name="pattern"/>: OPTIONS and POST on the pattern itself, HEAD, PATCH,
    /// DELETE (and POST with X-HTTP-Method-Override) on <c>{pattern}/{id}</c>. POST and DELETE are mapped only when
    /// the store supports creation and termination. Returns the group, so the host can add authorization or CORS.
    /// </summary>
    public static RouteGroupBuilder MapTus(this IEndpointRouteBuilder endpoints, string pattern)
    {
        var capabilities = endpoints.ServiceProvider.GetRequiredService<TusCapabilities>();
        var group = endpoints.MapGroup(pattern);
        group.AddEndpointFilter<TusResumableFilter>();

        group.MapMethods(string.Empty, [HttpMethods.Options], (HttpContext context, OptionsHandler handler) =>
            handler.Handle(context));

        group.MapMethods("{id}", [HttpMethods.Head], (HttpContext context, string id, HeadHandler handler) =>
            handler.HandleAsync(context, id));

        group.MapPatch("{id}", (HttpContext context, string id, PatchHandler handler) =>
            handler.HandleAsync(context, id));

        group.MapPost("{id}", (HttpContext context, string id, MethodOverrideHandler handler) =>
            handler.HandleAsync(context, id));

        if (capabilities.Creation is not null)
        {
            group.MapPost(string.Empty, (HttpContext context, CreationHandler handler) =>
                handler.HandleAsync(context));
        }

        if (capabilities.Termination is not null)
        {
            group.MapDelete("{id}", (HttpContext context, string id, TerminationHandler handler) =>
                handler.HandleAsync(context, id));
        }

        return group;
    }
}
