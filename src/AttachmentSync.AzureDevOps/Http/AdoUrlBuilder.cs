using System.Text;

namespace AttachmentSync.AzureDevOps.Http;

/// <summary>
/// Builds every Azure DevOps URL from the configured organization URL. Path segments and query values are
/// percent-encoded, so a file name such as <c>a&amp;b=c 50%+plus#1.txt</c> arrives intact; nothing from a
/// webhook payload or a response is used as a base.
/// </summary>
public sealed class AdoUrlBuilder(Uri organizationUrl, string project, string apiVersion)
{
    private readonly string _base = organizationUrl.AbsoluteUri.TrimEnd('/');

    public Uri OrganizationUrl { get; } = organizationUrl;

    /// <summary>Builds <c>{org}/{project}/_apis/{path}</c>; <paramref name="path"/> segments are encoded.</summary>
    public Uri Project(string[] path, params (string Name, string? Value)[] query) =>
        Build(true, path, query);

    /// <summary>Builds <c>{org}/_apis/{path}</c> for collection-level resources such as hooks.</summary>
    public Uri Collection(string[] path, params (string Name, string? Value)[] query) =>
        Build(false, path, query);

    /// <summary>
    /// Builds the canonical relation URL of an attachment, <c>{org}/_apis/wit/attachments/{id}</c>, from the
    /// configured organization and the id alone.
    /// </summary>
    public string Attachment(Guid id) => $"{_base}/_apis/wit/attachments/{id:D}";

    private Uri Build(bool projectScoped, string[] path, (string Name, string? Value)[] query)
    {
        var url = new StringBuilder(_base);
        if (projectScoped)
        {
            url.Append('/').Append(Uri.EscapeDataString(project));
        }

        url.Append("/_apis");
        foreach (var segment in path)
        {
            url.Append('/').Append(Uri.EscapeDataString(segment));
        }

        var separator = '?';
        foreach (var (name, value) in query.Append(("api-version", apiVersion)))
        {
            if (value is null)
            {
                continue;
            }

            url.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return new Uri(url.ToString(), UriKind.Absolute);
    }
}
