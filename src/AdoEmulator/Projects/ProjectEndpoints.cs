using System.Text.Json.Nodes;
using AdoEmulator.Infrastructure;

namespace AdoEmulator.Projects;

/// <summary>
/// The Core API's project read, <c>GET {coll}/_apis/projects/{projectNameOrId}</c>, for the emulator's single project.
/// The name matches case-insensitively and the id as a GUID, and any other value returns 404 TF200016.
/// </summary>
internal static class ProjectEndpoints
{
    public static void Map(IEndpointRouteBuilder collection) =>
        collection.MapGet("/_apis/projects/{projectNameOrId}", Get).Named("core.projects.get");

    private static IResult Get(HttpContext context, EmulatorIdentity identity, string projectNameOrId)
    {
        if (!identity.IsProject(projectNameOrId))
        {
            return AdoErrors.ProjectNotFound(projectNameOrId).ToResult();
        }

        var urls = AdoUrls.From(context);
        var project = new JsonObject
        {
            ["id"] = identity.ProjectId.ToString(),
            ["name"] = identity.ProjectName,
            ["url"] = $"{urls.Collection}/_apis/projects/{identity.ProjectId}",
            ["state"] = "wellFormed",
            ["revision"] = identity.ProjectRevision,
            ["visibility"] = "private",
            ["lastUpdateTime"] = AdoJson.Date(identity.ProjectLastUpdateTime),
        };
        return new JsonNodeResult(project, 200);
    }
}
