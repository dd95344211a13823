using AttachmentSync.Tus.Completion;
using AttachmentSync.Tus.Handlers;
using AttachmentSync.Tus.Protocol;
using AttachmentSync.Tus.Storage;
using AttachmentSync.Tus.Storage.Disk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AttachmentSync.Tus;

/// <summary>
/// Registers the tus endpoint services.
/// </summary>
public static class TusServiceCollectionExtensions
{
    /// <summary>
    /// Adds the tus services with the disk store, configured by <paramref name="configure"/> and validated at
    /// start-up. Register an <see cref="ITusCompletionHandler"/> and any <see cref="ITusUploadObserver"/> separately;
    /// register another <see cref="ITusStore"/> before this call to replace the disk store.
    /// </summary>
    public static IServiceCollection AddTus(this IServiceCollection services, Action<TusOptions> configure)
    {
        services.AddOptions<TusOptions>().Configure(configure).ValidateOnStart();
        return AddTusServices(services);
    }

    /// <summary>
    /// Adds the tus services with options bound from <paramref name="section"/>, usually the <c>Tus</c> section.
    /// </summary>
    public static IServiceCollection AddTus(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<TusOptions>().Bind(section).ValidateOnStart();
        return AddTusServices(services);
    }

    private static IServiceCollection AddTusServices(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TusOptions>, TusOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITusStore, TusDiskStore>();
        services.TryAddSingleton<ITusCompletionHandler, NoCompletionHandler>();

        services.TryAddSingleton(sp => new TusCapabilities(sp.GetRequiredService<ITusStore>()));
        services.TryAddSingleton<TusUploadLocks>();
        services.TryAddSingleton<TusCompletionRunner>();
        services.TryAddSingleton<TusObserverNotifier>();
        services.TryAddSingleton<UploadAppender>();
        services.TryAddSingleton<CreationRequestReader>();
        services.TryAddSingleton<OptionsHandler>();
        services.TryAddSingleton<HeadHandler>();
        services.TryAddSingleton<CreationHandler>();
        services.TryAddSingleton<PatchHandler>();
        services.TryAddSingleton<TerminationHandler>();
        services.TryAddSingleton<MethodOverrideHandler>();

        services.TryAddSingleton(sp => new TusMaintenance(
            sp.GetRequiredService<ITusStore>(),
            sp.GetRequiredService<TusUploadLocks>(),
            sp.GetRequiredService<TusCompletionRunner>(),
            sp.GetRequiredService<TusObserverNotifier>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<TusMaintenance>>()));

        services.AddHostedService<PendingCompletionService>();
        return services;
    }
}
