using System.Security.Cryptography;
using System.Text;

namespace AdoEmulator.Infrastructure;

/// <summary>
/// Checks HTTP Basic credentials on every request: any user name, the PAT as password. The fault admin API also
/// accepts the admin key. Missing or wrong credentials get 401 with the Azure DevOps error envelope.
/// </summary>
internal sealed class PatAuthentication(RequestDelegate next, EmulatorIdentity identity)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var password = ReadBasicPassword(context.Request);
        var isAdminRoute = context.Request.Path.StartsWithSegments(AdminRoutes.Prefix);

        if (Matches(password, identity.Pat) || (isAdminRoute && Matches(password, identity.AdminKey)))
        {
            await next(context);
            return;
        }

        context.Response.Headers.WWWAuthenticate = "Basic realm=\"AdoEmulator\"";
        await AdoErrors.Unauthorized().WriteAsync(context);
    }

    private static string? ReadBasicPassword(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : decoded[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool Matches(string? received, string? expected) =>
        received is not null
        && expected is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(received), Encoding.UTF8.GetBytes(expected));
}
