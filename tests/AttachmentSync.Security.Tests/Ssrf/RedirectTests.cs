using AttachmentSync.AzureDevOps;
using AttachmentSync.Security.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace AttachmentSync.Security.Tests.Ssrf;

/// <summary>
/// An organization that responds with a redirect to another port: the client must not follow it, so the
/// PAT never reaches the redirect target.
/// </summary>
public sealed class RedirectTests : IAsyncLifetime
{
    private WebApplication _organization = null!;

    private ConnectionRecorder Listener { get; } = new();
    private Uri _organizationUrl = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _organization = builder.Build();
        _organization.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = $"http://127.0.0.1:{Listener.Port}/stolen{context.Request.Path}";
            return Task.CompletedTask;
        });
        await _organization.StartAsync();
        var address = _organization.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _organizationUrl = new Uri(address.TrimEnd('/') + "/org");
    }

    public async Task DisposeAsync()
    {
        await _organization.DisposeAsync();
        await Listener.DisposeAsync();
    }

    [Fact]
    public async Task Redirect_is_not_followed()
    {
        var guard = new OutgoingConnectionGuard();
        guard.Allow(_organizationUrl.Port);
        guard.Allow(Listener.Port);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IHttpMessageHandlerBuilderFilter>(guard);
        services.AddOptions<AzureDevOpsOptions>().Configure(options =>
        {
            options.OrganizationUrl = _organizationUrl;
            options.Project = "Project";
            options.Pat = "redirect-test-pat-0123456789";
            options.ReadRetries = 0;
        });
        services.AddAzureDevOpsClient();
        await using var provider = services.BuildServiceProvider();

        var exception = await Assert.ThrowsAsync<AdoApiException>(() =>
            provider.GetRequiredService<AdoWorkItemsClient>().GetAsync(1, CancellationToken.None));

        Assert.Equal(AdoErrorKind.Authentication, exception.Kind);
        Assert.Equal(0, Listener.ConnectionCount);
        Assert.All(guard.Attempts, attempt => Assert.Equal($"127.0.0.1:{_organizationUrl.Port}", attempt));
    }
}
