using System.Collections.Concurrent;

namespace AdoEmulator.Infrastructure;

/// <summary>
/// Counts requests per route name (e.g. <c>POST workitems.update</c>) and attachment upload bytes, so tests and
/// benchmarks of a client can count what it sent to Azure DevOps.
/// </summary>
public sealed class RequestCounters
{
    private readonly ConcurrentDictionary<string, long> _requests = new(StringComparer.Ordinal);
    private long _uploadBytes;

    /// <summary>Bytes received in attachment upload bodies (simple and chunked).</summary>
    public long AttachmentBytesReceived => Interlocked.Read(ref _uploadBytes);

    /// <summary>Total number of counted requests.</summary>
    public long TotalRequests => _requests.Values.Sum();

    /// <summary>Returns a copy of the counts, keyed by "METHOD route-name".</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_requests, StringComparer.Ordinal);

    /// <summary>Returns the count of one route, e.g. <c>Count("PATCH", "workitems.update")</c>.</summary>
    public long Count(string method, string routeName) =>
        _requests.TryGetValue($"{method.ToUpperInvariant()} {routeName}", out var count) ? count : 0;

    public void Reset()
    {
        _requests.Clear();
        Interlocked.Exchange(ref _uploadBytes, 0);
    }

    internal void AddRequest(string key) => _requests.AddOrUpdate(key, 1, (_, count) => count + 1);

    internal void AddUploadBytes(long count) => Interlocked.Add(ref _uploadBytes, count);
}
