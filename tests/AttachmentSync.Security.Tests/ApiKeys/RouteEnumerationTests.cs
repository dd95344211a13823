using System.Net;
using System.Text.Json;
using AttachmentSync.Security.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AttachmentSync.Security.Tests.ApiKeys;

/// <summary>
/// Every route, from the OpenAPI document and from the endpoint data source, rejects a request without
/// credentials. Only the health check returns 200, and the webhook rejects the request with its own 401.
/// </summary>
public sealed class RouteEnumerationTests(SecureHost host) : IClassFixture<SecureHost>
{
    private static readonly HashSet<string> OpenRoutes = ["GET /health"];

    private static readonly HashSet<string> OwnAuthenticationRoutes = ["POST /api/webhooks/workitem"];

    [Fact]
    public async Task OpenApi_lists_the_api_routes()
    {
        var routes = await OpenApiRoutesAsync();

        Assert.Contains("POST /api/sync/upload", routes);
        Assert.Contains("POST /api/webhooks/workitem", routes);
        Assert.True(routes.Count >= 10, $"Only {routes.Count} routes: {string.Join(", ", routes)}");
    }

    [Fact]
    public async Task Every_route_rejects_missing_credentials()
    {
        var routes = (await OpenApiRoutesAsync()).Union(DataSourceRoutes()).ToList();
        var failures = new List<string>();

        foreach (var route in routes)
        {
            var (method, pattern) = Split(route);
            using var request = new HttpRequestMessage(new HttpMethod(method), Fill(pattern));
            request.Headers.Add("Tus-Resumable", "1.0.0");
            using var response = await host.Anonymous.SendAsync(request);

            var expected = OpenRoutes.Contains(route) ? HttpStatusCode.OK : HttpStatusCode.Unauthorized;
            if (response.StatusCode != expected)
            {
                failures.Add($"{route} -> {(int)response.StatusCode}");
            }
        }

        Assert.True(failures.Count == 0, "Routes that did not reject: " + string.Join("; ", failures));
        Assert.True(routes.Count >= 15, $"Only {routes.Count} routes were found.");
    }

    [Fact]
    public void Only_known_routes_allow_anonymous()
    {
        var anonymous = Endpoints()
            .Where(endpoint => endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .SelectMany(Describe)
            .ToHashSet();

        Assert.Equal(OpenRoutes.Union(OwnAuthenticationRoutes).Order(), anonymous.Order());
    }

    private async Task<HashSet<string>> OpenApiRoutesAsync()
    {
        using var response = await host.Client.GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var routes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(op => op.Value.ValueKind == JsonValueKind.Object))
            {
                routes.Add($"{operation.Name.ToUpperInvariant()} {path.Name}");
            }
        }

        return routes;
    }

    private HashSet<string> DataSourceRoutes() => Endpoints().SelectMany(Describe).ToHashSet(StringComparer.Ordinal);

    private IEnumerable<RouteEndpoint> Endpoints() =>
        host.Sync.Service.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    private static IEnumerable<string> Describe(RouteEndpoint endpoint)
    {
        var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
        var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
        return methods.Select(method => $"{method} {StripConstraints(pattern)}");
    }

    /// <summary>Turns <c>{id:guid}</c> into <c>{id}</c> so both sources name a route the same way.</summary>
    private static string StripConstraints(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{([^}:=?]+)[^}]*\}", "{$1}");

    private static (string Method, string Pattern) Split(string route)
    {
        var space = route.IndexOf(' ', StringComparison.Ordinal);
        return (route[..space], route[(space + 1)..]);
    }

    /// <summary>Fills route parameters with values their constraints accept.</summary>
    private static string Fill(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{([^}]+)\}", match =>
            match.Groups[1].Value switch
            {
                "workItemId" => "1",
                "documentName" => "v1",
                "sha256" => new string('a', 64),
                _ => Guid.NewGuid().ToString(),
            });
}
