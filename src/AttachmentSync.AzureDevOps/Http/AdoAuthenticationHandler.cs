using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace AttachmentSync.AzureDevOps.Http;

/// <summary>
/// Adds the PAT as Basic credentials with an empty user name, and asks for a 401 in place of a sign-in
/// redirect. Refuses to send anything to a host other than the configured organization's, so the PAT
/// never leaves for another address.
/// </summary>
internal sealed class AdoAuthenticationHandler(IOptionsMonitor<AzureDevOpsOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var organization = settings.OrganizationUrl
            ?? throw new InvalidOperationException("AzureDevOps:OrganizationUrl (AZDO_ORG_URL) is not set.");

        if (!IsSameOrigin(request.RequestUri, organization))
        {
            throw new AdoApiException(AdoErrorKind.Permanent, null,
                $"Refused to send a request to {request.RequestUri?.GetLeftPart(UriPartial.Authority)}: only " +
                $"{organization.GetLeftPart(UriPartial.Authority)} (AzureDevOps:OrganizationUrl) is contacted.");
        }

        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + settings.Pat));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", token);
        request.Headers.TryAddWithoutValidation("X-TFS-FedAuthRedirect", "Suppress");
        return base.SendAsync(request, cancellationToken);
    }

    private static bool IsSameOrigin(Uri? target, Uri organization) =>
        target is not null
        && target.IsAbsoluteUri
        && string.Equals(target.Scheme, organization.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(target.IdnHost, organization.IdnHost, StringComparison.OrdinalIgnoreCase)
        && target.Port == organization.Port;
}
