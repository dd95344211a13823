using System.Net.Http.Headers;
using System.Security.Cryptography;
using AttachmentSync.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;

namespace AttachmentSync.Security.Tests.Infrastructure;

/// <summary>
/// The service and the emulator (<see cref="SyncTestHost"/>) with two API keys and an HMAC key configured,
/// every log entry recorded at Trace level, every response of the test clients kept, and every outgoing
/// connection of the service checked: only the emulator's port and the recording listener on 127.0.0.1 open.
/// </summary>
public class SecureHost : IAsyncLifetime
{
    public SyncTestHost Sync { get; } = new();

    private ResponseRecorder Recorder { get; } = new();

    public string ApiKey { get; } = "key-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public string SecondApiKey { get; } = "key-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public string HmacKey { get; } = "hmac-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public RecordingLoggerProvider Logs { get; } = new();

    public OutgoingConnectionGuard Guard { get; } = new();

    public ConnectionRecorder Listener { get; private set; } = null!;

    /// <summary>Client with <see cref="ApiKey"/> as its Bearer credential.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>Client without credentials.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public IReadOnlyCollection<RecordedResponse> Responses => Recorder.Responses;

    /// <summary>Every configured secret, by name.</summary>
    public IReadOnlyDictionary<string, string> Secrets => new Dictionary<string, string>
    {
        ["PAT"] = Sync.Emulator.Pat,
        ["webhook secret"] = Sync.WebhookSecret,
        ["API key"] = ApiKey,
        ["second API key"] = SecondApiKey,
        ["HMAC key"] = HmacKey,
    };

    public string DataDirectory => Path.GetDirectoryName(Sync.DatabasePath)!;

    public virtual async Task InitializeAsync()
    {
        Listener = new ConnectionRecorder();
        Guard.Allow(Listener.Port);
        Sync.Settings["Security:ApiKeys:0"] = ApiKey;
        Sync.Settings["Security:ApiKeys:1"] = SecondApiKey;
        Sync.Settings["Webhook:HmacKey"] = HmacKey;
        Sync.Settings["Sync:UploadResponseWait"] = "00:00:10";
        Sync.Configure = builder =>
        {
            Guard.Allow(Sync.Emulator.BaseAddress.Port);
            builder.Logging.AddProvider(Logs);
            builder.Logging.AddFilter<RecordingLoggerProvider>(null, LogLevel.Trace);
            builder.Services.AddSingleton<IHttpMessageHandlerBuilderFilter>(Guard);
        };
        await Sync.InitializeAsync();

        Client = NewClient();
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        Anonymous = NewClient();
    }

    public virtual async Task DisposeAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        await Sync.DisposeAsync();
        await Listener.DisposeAsync();
        Recorder.Dispose();
    }

    /// <summary>Connections the service tried to open to anything but the emulator.</summary>
    public IReadOnlyList<string> ForeignConnectionAttempts() =>
        Guard.Attempts.Where(attempt => attempt != $"127.0.0.1:{Sync.Emulator.BaseAddress.Port}").ToList();

    private HttpClient NewClient() =>
        new(Recorder, disposeHandler: false) { BaseAddress = Sync.Service.BaseAddress, Timeout = TimeSpan.FromMinutes(1) };
}
