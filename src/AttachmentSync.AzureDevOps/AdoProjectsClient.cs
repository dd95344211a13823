using AttachmentSync.AzureDevOps.Http;
using AttachmentSync.AzureDevOps.Models;

namespace AttachmentSync.AzureDevOps;

/// <summary>Projects of the Core API (<c>_apis/projects</c>, collection level).</summary>
public sealed class AdoProjectsClient(AdoConnection connection)
{
    /// <summary>
    /// Reads one project by name or id. A project that does not exist, or that the PAT may not read, raises
    /// <see cref="AdoApiException"/> with status 404 (typeKey <c>ProjectDoesNotExistWithNameException</c>).
    /// </summary>
    public Task<TeamProject> GetAsync(string projectNameOrId, CancellationToken cancellationToken)
    {
        var url = connection.Urls.Collection(["projects", projectNameOrId]);
        return connection.SendForJsonAsync<TeamProject>(new HttpRequestMessage(HttpMethod.Get, url), cancellationToken);
    }
}
