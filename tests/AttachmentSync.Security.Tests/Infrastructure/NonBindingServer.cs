using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace AttachmentSync.Security.Tests.Infrastructure;

/// <summary>
/// A server that opens no socket. It reports the addresses configuration gave it, plus <see cref="ExtraAddress"/>
/// as if it had bound that too, so start-up checks can be tested with non-loopback addresses safely.
/// </summary>
public sealed class NonBindingServer : IServer
{
    private readonly ServerAddressesFeature _addresses = new();

    public NonBindingServer()
    {
        Features.Set<IServerAddressesFeature>(_addresses);
    }

    public string? ExtraAddress { get; init; }

    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        if (ExtraAddress is not null)
        {
            _addresses.Addresses.Add(ExtraAddress);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }

    private sealed class ServerAddressesFeature : IServerAddressesFeature
    {
        public ICollection<string> Addresses { get; } = new List<string>();

        public bool PreferHostingUrls { get; set; }
    }
}
