using System.Net;
using AdoEmulator.Faults;
using AttachmentSync.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace AttachmentSync.Tests.Api;

/// <summary>
/// An Azure DevOps that rejects the creation of the service's subscriptions costs one logged error. The service starts
/// and keeps responding.
/// </summary>
public sealed class WebhookRegistrationFailureTests
{
    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(500)]
    public async Task Rejected_registration_keeps_service_running(int status)
    {
        var logs = new LogCollector();
        var sync = new SyncTestHost
        {
            RegisterWebhooksAtStart = true,
            BeforeServiceStart = emulator => emulator.Faults.Add(new FaultRule
            {
                Kind = FaultKind.Status,
                Method = "POST",
                Route = "hooks.subscriptions.create",
                StatusCode = status,
            }),
            Configure = builder => builder.Logging.AddProvider(logs),
        };
        try
        {
            await sync.InitializeAsync();
            await WebhookRegistrationTests.RegistrationAsync(sync);

            using var health = await sync.Api.GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Empty(await sync.Ado.ListSubscriptionsAsync());
            var error = Assert.Single(logs.Entries, entry => entry.Level >= LogLevel.Error);
            Assert.Equal(604, error.EventId);
            Assert.Contains("workitem.created", error.Text, StringComparison.Ordinal);
            Assert.Contains($"status {status} ", error.Text, StringComparison.Ordinal);
            Assert.Contains("Project settings > Service hooks", error.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(logs.Entries, entry => entry.Text.Contains(sync.WebhookSecret, StringComparison.Ordinal));
            Assert.DoesNotContain(logs.Entries, entry => entry.Text.Contains(sync.Emulator.Pat, StringComparison.Ordinal));
        }
        finally
        {
            await sync.DisposeAsync();
        }
    }
}
