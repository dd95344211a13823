using System.Net;

namespace AttachmentSync.Server.Security;

/// <summary>
/// Keeps a service without API keys on loopback. Before start it checks the addresses named in
/// configuration (<c>urls</c> from <c>--urls</c> or <c>ASPNETCORE_URLS</c>, <c>http_ports</c>,
/// <c>https_ports</c>, <c>Kestrel:Endpoints:*:Url</c>); after start it checks the addresses the server
/// actually bound, which also covers endpoints set in code.
/// </summary>
public static class ListenAddressGuard
{
    /// <summary>Raises an error when no key is configured and a configured address is not loopback.</summary>
    public static void ThrowIfExposed(IConfiguration configuration, ApiKeyStore keys) =>
        ThrowIfExposed(ConfiguredAddresses(configuration), keys);

    /// <summary>Raises an error when no key is configured and one of <paramref name="addresses"/> is not loopback.</summary>
    public static void ThrowIfExposed(IEnumerable<string> addresses, ApiKeyStore keys)
    {
        if (keys.HasKeys)
        {
            return;
        }

        var exposed = addresses.Where(address => !IsLoopback(address)).ToList();
        if (exposed.Count > 0)
        {
            throw new InvalidOperationException(
                $"No API key is configured, so the service may listen on loopback addresses only, but it is set to " +
                $"listen on {string.Join(", ", exposed)}. Set {ApiKeyStore.ConfigurationKey} (environment variable " +
                $"{ApiKeyStore.EnvironmentVariable}, comma-separated) or listen on 127.0.0.1 or [::1] only.");
        }
    }

    /// <summary>Lists the listen addresses that configuration names; the ports settings bind every interface.</summary>
    public static IReadOnlyList<string> ConfiguredAddresses(IConfiguration configuration)
    {
        var addresses = new List<string>();
        addresses.AddRange(Split(configuration["urls"], ';'));
        addresses.AddRange(Split(configuration["http_ports"], ';').Select(port => $"http://*:{port}"));
        addresses.AddRange(Split(configuration["https_ports"], ';').Select(port => $"https://*:{port}"));
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            addresses.AddRange(Split(endpoint["Url"], ';'));
        }

        return addresses;
    }

    /// <summary>
    /// Returns whether a listen address reaches this machine only: <c>localhost</c>, a loopback IP, a Unix
    /// socket or a named pipe. Any other host name makes Kestrel bind every interface, so it is not loopback.
    /// </summary>
    public static bool IsLoopback(string address)
    {
        var schemeEnd = address.IndexOf("://", StringComparison.Ordinal);
        var rest = schemeEnd < 0 ? address : address[(schemeEnd + 3)..];
        if (rest.StartsWith("unix:", StringComparison.OrdinalIgnoreCase)
            || rest.StartsWith("pipe:", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var authorityEnd = rest.IndexOf('/', StringComparison.Ordinal);
        var host = HostOf(authorityEnd < 0 ? rest : rest[..authorityEnd]);
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip);
    }

    private static string HostOf(string authority)
    {
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            return close < 0 ? authority : authority[1..close];
        }

        var colon = authority.LastIndexOf(':');
        return colon < 0 ? authority : authority[..colon];
    }

    private static IEnumerable<string> Split(string? value, char separator) =>
        (value ?? "").Split(separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
