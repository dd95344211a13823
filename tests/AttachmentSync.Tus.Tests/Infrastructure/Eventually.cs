namespace AttachmentSync.Tus.Tests.Infrastructure;

/// <summary>
/// Waits for a condition that a background task or another request makes true.
/// </summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, int timeoutMilliseconds = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMilliseconds;
        while (!condition())
        {
            Assert.True(Environment.TickCount64 < deadline, $"condition not met within {timeoutMilliseconds} ms");
            await Task.Delay(20);
        }
    }

    public static async Task TrueAsync(Func<Task<bool>> condition, int timeoutMilliseconds = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMilliseconds;
        while (!await condition())
        {
            Assert.True(Environment.TickCount64 < deadline, $"condition not met within {timeoutMilliseconds} ms");
            await Task.Delay(20);
        }
    }
}
