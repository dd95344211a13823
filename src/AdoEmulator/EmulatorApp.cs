using AdoEmulator.Attachments;
using AdoEmulator.Discovery;
using AdoEmulator.Faults;
using AdoEmulator.Hooks;
using AdoEmulator.Infrastructure;
using AdoEmulator.Projects;
using AdoEmulator.WorkItems;

namespace AdoEmulator;

/// <summary>
/// Builds the emulator web application. Both the standalone program and <see cref="EmulatorHost"/> use these two
/// methods, so they serve exactly the same routes.
/// </summary>
public static class EmulatorApp
{
    /// <summary>Registers the emulator's services and binds <see cref="EmulatorOptions"/> from the "Emulator" section.</summary>
    public static void AddEmulator(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EmulatorOptions>().Bind(builder.Configuration.GetSection(EmulatorOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<EmulatorOptions>, EmulatorOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<EmulatorIdentity>();
        services.AddSingleton<RequestCounters>();
        services.AddSingleton<FaultRegistry>();
        services.AddSingleton<AttachmentStore>();
        services.AddSingleton<WorkItemClock>();
        services.AddSingleton<RelationFactory>();
        services.AddSingleton<PatchApplier>();
        services.AddSingleton<WorkItemJson>();
        services.AddSingleton<WorkItemStore>();
        services.AddSingleton<SubscriptionStore>();
        services.AddSingleton<HookPayloadBuilder>();
        services.AddSingleton<HookSender>();
        services.AddSingleton<HookDelivery>();
        services.AddSingleton<HookDispatcher>();
        services.AddSingleton<IWorkItemEventSink>(sp => sp.GetRequiredService<HookDispatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<HookDispatcher>());

        // Attachments of several gigabytes are streamed to disk, and the emulator enforces its own size limit.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null);
    }

    /// <summary>Adds the middleware (counting, authentication, api-version, faults) and maps every route.</summary>
    public static void MapEmulator(this WebApplication app)
    {
        var identity = app.Services.GetRequiredService<EmulatorIdentity>();
        app.UseRouting();
        app.UseMiddleware<RequestCounting>();
        app.UseMiddleware<PatAuthentication>();
        app.UseMiddleware<ApiVersionCheck>();
        app.UseMiddleware<FaultInjection>();

        var collection = app.MapGroup("/" + identity.Organization);
        AttachmentEndpoints.Map(collection);
        WorkItemEndpoints.Map(collection);
        BatchEndpoints.Map(collection);
        WiqlEndpoints.Map(collection);
        HookEndpoints.Map(collection);
        ProjectEndpoints.Map(collection);
        DiscoveryEndpoints.Map(collection);
        AdminEndpoints.Map(app);
    }
}
