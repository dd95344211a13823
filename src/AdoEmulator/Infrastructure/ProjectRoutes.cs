namespace AdoEmulator.Infrastructure;

/// <summary>
/// Maps a route in both forms Azure DevOps accepts: collection-level (<c>{coll}/_apis/...</c>) and project-scoped
/// (<c>{coll}/{project}/_apis/...</c>, project by name or id). An unknown project returns 404 TF200016.
/// </summary>
internal static class ProjectRoutes
{
    public static void Map(
        IEndpointRouteBuilder collection, string method, string pattern, Delegate handler, string name, bool projectRequired = false)
    {
        if (!projectRequired)
        {
            collection.MapMethods(pattern, [method], handler).Named(name);
        }

        collection.MapMethods("/{project}" + pattern, [method], handler).Named(name).AddEndpointFilter(CheckProject);
    }

    /// <summary>Maps a route whose pattern already starts with <c>/{project}</c>, checking the project.</summary>
    public static void MapScoped(IEndpointRouteBuilder collection, string method, string pattern, Delegate handler, string name) =>
        collection.MapMethods(pattern, [method], handler).Named(name).AddEndpointFilter(CheckProject);

    /// <summary>Returns true when the request came through the project-scoped form of its route.</summary>
    public static bool HasProject(this HttpContext context) => context.Request.RouteValues.ContainsKey("project");

    private static async ValueTask<object?> CheckProject(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var project = http.Request.RouteValues["project"] as string;
        var identity = http.RequestServices.GetRequiredService<EmulatorIdentity>();
        return identity.IsProject(project) ? await next(context) : AdoErrors.ProjectNotFound(project ?? "").ToResult();
    }
}
