namespace AdoEmulator.Hooks;

/// <summary>
/// Retry waits of Azure DevOps service hooks, from the service-hooks troubleshooting guide. Transient failures
/// (408, 502, 503, 504) are retried up to 8 times. An enduring failure puts the subscription on probation, with up to
/// 7 slower retries.
/// </summary>
internal static class HookSchedule
{
    public static readonly TimeSpan[] Transient =
    [
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8),
        TimeSpan.FromSeconds(16), TimeSpan.FromSeconds(32), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60),
    ];

    public static readonly TimeSpan[] Probation =
    [
        TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(40), TimeSpan.FromMinutes(80), TimeSpan.FromMinutes(160),
        TimeSpan.FromMinutes(320), TimeSpan.FromMinutes(640), TimeSpan.FromHours(15),
    ];

    public static bool IsTransient(int status) => status is 0 or 408 or 502 or 503 or 504;

    public static TimeSpan Scale(TimeSpan wait, double factor) => TimeSpan.FromTicks((long)(wait.Ticks * factor));
}
