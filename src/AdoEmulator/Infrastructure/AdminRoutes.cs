namespace AdoEmulator.Infrastructure;

/// <summary>Path prefix of the emulator's own admin API (faults and counters), outside the Azure DevOps routes.</summary>
internal static class AdminRoutes
{
    public const string Prefix = "/_emulator";
}
