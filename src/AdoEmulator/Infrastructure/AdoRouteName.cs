namespace AdoEmulator.Infrastructure;

/// <summary>
/// Endpoint metadata naming an emulated route (e.g. "workitems.update"). The project-scoped and collection-level
/// forms of a route share one name, so counters and fault rules see them as one.
/// </summary>
internal sealed record AdoRouteName(string Name);

internal static class AdoRouteNameExtensions
{
    public static RouteHandlerBuilder Named(this RouteHandlerBuilder builder, string name) =>
        builder.WithMetadata(new AdoRouteName(name));
}
