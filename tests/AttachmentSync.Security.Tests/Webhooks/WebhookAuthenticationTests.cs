using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AttachmentSync.Security.Tests.Infrastructure;
using AttachmentSync.Tests.Infrastructure;

namespace AttachmentSync.Security.Tests.Webhooks;

/// <summary>The webhook's own authentication: shared secret (Basic or header) and the optional HMAC signature.</summary>
public sealed class WebhookAuthenticationTests(SecureHost host) : IClassFixture<SecureHost>
{
    private string Secret => host.Sync.WebhookSecret;

    [Fact]
    public async Task Secret_header_is_accepted()
    {
        using var response = await SendAsync(Webhook.Request(Body(), secret: Secret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Basic_password_is_accepted()
    {
        using var response = await SendAsync(Webhook.Request(Body(), basicPassword: Secret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Missing_credentials_get_401_problem()
    {
        using var response = await SendAsync(Webhook.Request(Body()));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("Basic", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("")]
    [InlineData(" ")]
    public async Task Wrong_secret_gets_401(string suffix)
    {
        using var header = await SendAsync(Webhook.Request(Body(), secret: Secret + suffix + "x"));
        using var basic = await SendAsync(Webhook.Request(Body(), basicPassword: suffix + Secret[1..]));

        await ProblemAssert.IsProblemAsync(header, HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(basic, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Secret_in_query_gets_401()
    {
        var request = Webhook.Request(Body());
        request.RequestUri = new Uri($"{Webhook.Path}?code={Secret}", UriKind.Relative);

        using var response = await SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Valid_signature_alone_is_accepted()
    {
        var body = Body();

        using var response = await SendAsync(Webhook.Request(body, signature: Webhook.Sign(body, host.HmacKey)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Upper_case_signature_is_accepted()
    {
        var body = Body();
        var signature = "sha256=" + Webhook.Sign(body, host.HmacKey)["sha256=".Length..].ToUpperInvariant();

        using var response = await SendAsync(Webhook.Request(body, signature: signature));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Wrong_signature_rejects_even_with_secret()
    {
        var body = Body();

        using var response = await SendAsync(Webhook.Request(body, secret: Secret, signature: Webhook.Sign(body + " ", host.HmacKey)));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("sha256=")]
    [InlineData("sha1=0123456789abcdef0123456789abcdef01234567")]
    [InlineData("sha256=zz23456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public async Task Malformed_signature_gets_401(string signature)
    {
        using var response = await SendAsync(Webhook.Request(Body(), signature: signature));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Signature_with_other_key_gets_401()
    {
        var body = Body();

        using var response = await SendAsync(Webhook.Request(body, signature: Webhook.Sign(body, host.HmacKey + "x")));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Replayed_delivery_changes_nothing()
    {
        var workItemId = await host.Sync.Ado.CreateWorkItemAsync("replay");
        var body = Webhook.Updated(workItemId, notificationId: "replay-" + Guid.NewGuid()).ToJsonString();
        using var first = await SendAsync(Webhook.Request(body, secret: Secret));
        var firstResult = await first.Content.ReadFromJsonAsync<JsonObject>();
        await WaitForNoOpenJobsAsync(workItemId);
        var readsBefore = host.Sync.Emulator.Counters.Count("GET", "workitems.get");

        using var second = await SendAsync(Webhook.Request(body, secret: Secret));
        using var third = await SendAsync(Webhook.Request(body, signature: Webhook.Sign(body, host.HmacKey)));

        var secondResult = await second.Content.ReadFromJsonAsync<JsonObject>();
        var thirdResult = await third.Content.ReadFromJsonAsync<JsonObject>();
        Assert.False(firstResult!["duplicate"]!.GetValue<bool>());
        Assert.True(secondResult!["duplicate"]!.GetValue<bool>());
        Assert.True(thirdResult!["duplicate"]!.GetValue<bool>());
        await Task.Delay(300);
        Assert.Equal(readsBefore, host.Sync.Emulator.Counters.Count("GET", "workitems.get"));
    }

    private static string Body() => """{"eventType":"git.push","resource":{}}""";

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            return await host.Anonymous.SendAsync(request);
        }
    }

    private async Task WaitForNoOpenJobsAsync(int workItemId) =>
        await SyncTestHost.WaitUntilAsync(async () =>
        {
            var status = await host.Client.GetFromJsonAsync<JsonObject>($"/api/sync/status/{workItemId}");
            return status!["openJobs"]!.AsArray().Count == 0;
        }, $"work item {workItemId} has no open jobs");
}
