namespace AdoEmulator.Infrastructure;

/// <summary>
/// Builds the absolute URLs of emulated resources from the collection URL the client used, so returned links work.
/// </summary>
internal sealed class AdoUrls(string collectionUrl, Guid projectId)
{
    /// <summary>Collection URL without a trailing slash, e.g. <c>http://127.0.0.1:5000/emulator</c>.</summary>
    public string Collection { get; } = collectionUrl.TrimEnd('/');

    public string Project => $"{Collection}/{projectId}";

    public static AdoUrls From(HttpContext context)
    {
        var identity = context.RequestServices.GetRequiredService<EmulatorIdentity>();
        var request = context.Request;
        var collection = $"{request.Scheme}://{request.Host}{request.PathBase}/{Uri.EscapeDataString(identity.Organization)}";
        return new AdoUrls(collection, identity.ProjectId);
    }

    public string WorkItem(int id) => $"{Project}/_apis/wit/workItems/{id}";

    public string RecycleBin(int id) => $"{Project}/_apis/wit/recyclebin/{id}";

    public string Field(string referenceName) => $"{Project}/_apis/wit/fields/{referenceName}";

    public string Subscription(Guid id) => $"{Collection}/_apis/hooks/subscriptions/{id}";

    /// <summary>
    /// Returns the attachment URL: project-scoped for api-version 5.0 and later on a project route, as Azure DevOps
    /// Server 2022 does, otherwise collection-level.
    /// </summary>
    public string Attachment(Guid id, bool projectScoped, string? fileName = null)
    {
        var root = projectScoped ? Project : Collection;
        var url = $"{root}/_apis/wit/attachments/{id}";
        return fileName is null ? url : $"{url}?fileName={Uri.EscapeDataString(fileName)}";
    }
}
