using System.Text.Json.Nodes;
using AdoEmulator.Tests.Support;

namespace AdoEmulator.Tests.Samples;

/// <summary>How the sample walk checks one file of tests/fixtures/ado-samples.</summary>
internal enum SampleKind
{
    /// <summary>A request body: the emulator must accept it (2xx).</summary>
    Request,

    /// <summary>A response body or hook payload: the emulator's equivalent output must have the same shape.</summary>
    Output,

    /// <summary>A resource the emulator does not serve, with the reason stated.</summary>
    NotEmulated,
}

/// <summary>
/// One sample file and the emulator call that produces its equivalent. <see cref="IgnoredPaths"/> lists JSON paths
/// where the emulator knowingly differs from that recording, each with its reason next to it.
/// </summary>
internal sealed record SampleCase(
    SampleKind Kind,
    Func<SampleWorld, JsonNode, Task<JsonNode?>>? Produce = null,
    string? Reason = null,
    IReadOnlySet<string>? IgnoredPaths = null);

/// <summary>An emulator with a hook receiver subscribed to the created, updated and deleted events.</summary>
internal sealed class SampleWorld : IAsyncDisposable
{
    private SampleWorld(TestEmulator emulator, HookReceiver receiver)
    {
        Emulator = emulator;
        Receiver = receiver;
    }

    public TestEmulator Emulator { get; }

    public HookReceiver Receiver { get; }

    public static async Task<SampleWorld> StartAsync()
    {
        var receiver = await HookReceiver.StartAsync();
        var emulator = await TestEmulator.StartAsync();
        foreach (var eventType in new[] { "workitem.created", "workitem.updated", "workitem.deleted" })
        {
            await Subscriptions.CreateAsync(emulator, eventType, receiver.Url);
        }

        return new SampleWorld(emulator, receiver);
    }

    public async Task<JsonNode> HookAsync(string eventType, int? rev = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var hook = Receiver.Received.LastOrDefault(r =>
                r.Body["eventType"]?.ToString() == eventType && (rev is null || r.Body["resource"]?["rev"]?.GetValue<int>() == rev));
            if (hook is not null)
            {
                return hook.Body;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"No {eventType} hook was delivered within 10 s.");
    }

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
