using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AttachmentSync.Security.Tests.Infrastructure;

namespace AttachmentSync.Security.Tests.ApiKeys;

/// <summary>Bearer API keys on the tool-side API, with the health and webhook endpoints outside them.</summary>
public sealed class ApiKeyAuthenticationTests(SecureHost host) : IClassFixture<SecureHost>
{
    [Fact]
    public async Task Health_is_open_without_key()
    {
        using var response = await host.Anonymous.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Missing_key_gets_401_problem()
    {
        using var response = await host.Anonymous.GetAsync("/api/sync/status/1");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Contains("Security:ApiKeys", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bearer", "wrong-key-0123456789abcdef0123456789")]
    [InlineData("Bearer", "")]
    [InlineData("Basic", "OnNvbWV0aGluZw==")]
    [InlineData("Token", "anything-at-all-here")]
    public async Task Wrong_credential_gets_401_problem(string scheme, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/sync/status/1");
        request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {value}");

        using var response = await host.Anonymous.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Key_as_basic_password_gets_401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/sync/status/1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + host.ApiKey)));

        using var response = await host.Anonymous.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Key_in_other_case_gets_401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/sync/status/1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.ApiKey.ToUpperInvariant());

        using var response = await host.Anonymous.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Two_authorization_headers_get_401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/sync/status/1");
        request.Headers.TryAddWithoutValidation("Authorization", ["Bearer " + host.ApiKey, "Bearer other-value-0123456789abcdef"]);

        using var response = await host.Anonymous.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Both_configured_keys_are_accepted()
    {
        foreach (var key in new[] { host.ApiKey, host.SecondApiKey })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/sync/status/1");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);

            using var response = await host.Anonymous.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task OpenApi_document_needs_key()
    {
        using var anonymous = await host.Anonymous.GetAsync("/openapi/v1.json");
        using var authorized = await host.Client.GetAsync("/openapi/v1.json");

        await ProblemAssert.IsProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, authorized.StatusCode);
    }

    [Fact]
    public async Task Tus_creation_needs_key()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sync/uploads");
        request.Headers.Add("Tus-Resumable", "1.0.0");
        request.Headers.Add("Upload-Length", "10");
        request.Headers.Add("Upload-Metadata", "filename eC50eHQ=,workItemId MQ==");

        using var response = await host.Anonymous.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Webhook_needs_no_key()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/workitem")
        {
            Content = new StringContent("""{"eventType":"git.push"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Webhook-Secret", host.Sync.WebhookSecret);

        using var response = await host.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Api_key_does_not_open_webhook()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/workitem")
        {
            Content = new StringContent("""{"eventType":"git.push"}""", Encoding.UTF8, "application/json"),
        };

        using var response = await host.Client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }
}
