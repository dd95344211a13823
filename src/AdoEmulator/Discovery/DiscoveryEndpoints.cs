using System.Text.Json.Nodes;
using AdoEmulator.Infrastructure;

namespace AdoEmulator.Discovery;

/// <summary>
/// Route discovery used by the official clients: <c>OPTIONS {coll}/_apis/{area}</c> lists resource locations, and
/// <c>GET {coll}/_apis/ResourceAreas</c> returns an empty list, the on-premises response that tells a client to call
/// every area on the collection URL itself.
/// </summary>
internal static class DiscoveryEndpoints
{
    public static void Map(IEndpointRouteBuilder collection)
    {
        collection.MapMethods("/_apis/{area}", ["OPTIONS"], Locations).Named("discovery.locations");
        collection.MapMethods("/_apis", ["OPTIONS"], (HttpContext context) => Locations(context, null)).Named("discovery.locations");
        collection.MapGet("/_apis/ResourceAreas/{areaId?}", ResourceAreas).Named("discovery.resourceAreas");
    }

    private static IResult Locations(HttpContext context, string? area)
    {
        var value = new JsonArray(ResourceLocations.All
            .Where(l => area is null || l.Area.Equals(area, StringComparison.OrdinalIgnoreCase))
            .Select(l => (JsonNode)new JsonObject
            {
                ["id"] = l.Id,
                ["area"] = l.Area,
                ["resourceName"] = l.ResourceName,
                ["routeTemplate"] = l.RouteTemplate,
                ["resourceVersion"] = l.ResourceVersion,
                ["minVersion"] = l.MinVersion,
                ["maxVersion"] = ResourceLocations.MaxVersion,
                ["releasedVersion"] = ResourceLocations.ReleasedVersion,
            }).ToArray());
        return new JsonNodeResult(new JsonObject { ["count"] = value.Count, ["value"] = value }, 200);
    }

    private static IResult ResourceAreas(string? areaId) => areaId is null
        ? new JsonNodeResult(new JsonObject { ["count"] = 0, ["value"] = new JsonArray() }, 200)
        : new AdoError(
            404, "ResourceAreaNotFoundException", "Microsoft.VisualStudio.Services.Location.ResourceAreaNotFoundException",
            $"The resource area {areaId} is not registered on this server.").ToResult();
}
