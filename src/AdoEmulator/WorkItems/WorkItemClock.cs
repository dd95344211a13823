namespace AdoEmulator.WorkItems;

/// <summary>
/// Change times of work items: the current time truncated to milliseconds (the precision Azure DevOps shows),
/// strictly increasing so that a <c>ChangedDate &gt; watermark</c> query never misses a change.
/// </summary>
internal sealed class WorkItemClock(TimeProvider time)
{
    private readonly Lock _lock = new();
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    public DateTimeOffset Next()
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            now = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
            _last = now > _last ? now : _last.AddMilliseconds(1);
            return _last;
        }
    }
}
