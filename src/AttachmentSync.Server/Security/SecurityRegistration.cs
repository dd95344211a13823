using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace AttachmentSync.Server.Security;

/// <summary>
/// Wires API key authentication, the deny-by-default authorization policy, the loopback rule and the
/// request size limits. Endpoints open to anyone (health) or with their own authentication (the webhook)
/// opt out with <c>AllowAnonymous()</c>; every other endpoint, the OpenAPI document included, needs a caller.
/// </summary>
public static class SecurityRegistration
{
    /// <summary>Registers the services; raises an error when no key is configured and an address is not loopback.</summary>
    public static void AddRequestSecurity(this WebApplicationBuilder builder)
    {
        var keys = ApiKeyStore.FromConfiguration(builder.Configuration);
        ListenAddressGuard.ThrowIfExposed(builder.Configuration, keys);

        var services = builder.Services;
        services.AddSingleton(keys);
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .Build());

        services.AddOptions<RequestLimitOptions>().Bind(builder.Configuration.GetSection(RequestLimitOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RequestLimitOptions>, RequestLimitOptionsValidator>();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimitOptions>>((kestrel, limits) =>
        {
            kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = limits.Value.MaxRequestHeadersBytes * 2;
        });
        services.AddOptions<JsonOptions>().Configure<IOptions<RequestLimitOptions>>((json, limits) =>
            json.SerializerOptions.MaxDepth = limits.Value.MaxJsonDepth);
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
    }

    /// <summary>Adds the header limit, authentication and authorization, after the exception and status-code handlers.</summary>
    public static void UseRequestSecurity(this WebApplication app)
    {
        app.UseMiddleware<RequestHeaderLimitMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
    }

    /// <summary>
    /// Checks the addresses the server bound. Without keys, a non-loopback address stops the service and
    /// raises an error; otherwise it logs whether keys are in force.
    /// </summary>
    public static async Task VerifyListenAddressesAsync(WebApplication app)
    {
        var keys = app.Services.GetRequiredService<ApiKeyStore>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SecurityRegistration).FullName!);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        try
        {
            ListenAddressGuard.ThrowIfExposed(addresses, keys);
        }
        catch (InvalidOperationException exception)
        {
            SecurityLog.ExposedWithoutKeys(logger, exception.Message);
            await app.StopAsync();
            await app.DisposeAsync();
            throw;
        }

        if (keys.HasKeys)
        {
            SecurityLog.ApiKeysConfigured(logger, keys.Count);
        }
        else
        {
            SecurityLog.NoApiKeys(logger);
        }
    }
}
