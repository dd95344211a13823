using System.Net;
using System.Security.Cryptography;
using AttachmentSync.Security.Tests.Hostile.Cases;
using AttachmentSync.Security.Tests.Infrastructure;

namespace AttachmentSync.Security.Tests.Hostile;

/// <summary>
/// Sends every hostile case to one secured service. Each case must get a 4xx with ProblemDetails, or a 2xx
/// where the input is valid. The last test checks what the whole suite left behind: no 5xx, no file outside
/// the store, no connection beyond the emulator, no secret anywhere, and the seeded data unchanged.
/// </summary>
[TestCaseOrderer(RunsLastOrderer.TypeName, RunsLastOrderer.AssemblyName)]
public sealed class HostileInputTests(HostileHost host) : IClassFixture<HostileHost>
{
    public static TheoryData<string> Credentials => HostileCatalog.Names(CredentialCases.All());

    public static TheoryData<string> Webhooks => HostileCatalog.Names(WebhookCases.All());

    public static TheoryData<string> Uploads => HostileCatalog.Names(UploadCases.All());

    public static TheoryData<string> Api => HostileCatalog.Names(ApiCases.All());

    public static TheoryData<string> Tus => HostileCatalog.Names(TusCases.All());

    public static TheoryData<string> Generated => HostileCatalog.Names(GeneratedCases.All());

    [Theory]
    [MemberData(nameof(Credentials))]
    public Task Credential_case(string name) => RunAsync(name);

    [Theory]
    [MemberData(nameof(Webhooks))]
    public Task Webhook_case(string name) => RunAsync(name);

    [Theory]
    [MemberData(nameof(Uploads))]
    public Task Upload_case(string name) => RunAsync(name);

    [Theory]
    [MemberData(nameof(Api))]
    public Task Api_case(string name) => RunAsync(name);

    [Theory]
    [MemberData(nameof(Tus))]
    public Task Tus_case(string name) => RunAsync(name);

    [Theory]
    [MemberData(nameof(Generated))]
    public Task Generated_case(string name) => RunAsync(name);

    [Fact]
    [RunsLast]
    public async Task Suite_leaves_no_trace()
    {
        Assert.True(HostileCatalog.Count >= 200, $"Only {HostileCatalog.Count} hostile cases.");
        var serverErrors = host.Responses.Where(response => (int)response.Status >= 500)
            .Select(response => $"{response.Request} -> {(int)response.Status}").ToList();
        Assert.True(serverErrors.Count == 0, "5xx responses: " + string.Join("; ", serverErrors));
        Assert.Empty(host.ForeignConnectionAttempts());
        Assert.Equal(0, host.Listener.ConnectionCount);
        var leaks = await SecretScan.FindLeaksAsync(host);
        Assert.True(leaks.Count == 0, "Secrets found: " + string.Join("; ", leaks));
        Assert.Equal(host.SeededRows, await host.ReadRowsAsync());
        Assert.Equal(host.SeededBytes, host.ReadSeededBytes());
        Assert.Empty(NewFilesOutsideStore());
        Assert.Empty(StoreFilesNotNamedByHash());
        Assert.Empty(NewMarkedPaths());
    }

    private async Task RunAsync(string name)
    {
        var @case = HostileCatalog.Get(name);
        using var request = await @case.Build(host);
        using var response = await host.Anonymous.SendAsync(request);
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(status < 500, $"{name}: {status} {body}");
        if (@case.Status is { } expected)
        {
            Assert.True(expected == status, $"{name}: expected {expected}, got {status} {body}");
        }

        switch (@case.Expect)
        {
            case Expect.Success:
                Assert.True(status is >= 200 and < 300, $"{name}: expected 2xx, got {status} {body}");
                break;
            case Expect.ClientError:
                await ProblemAssert.IsClientErrorAsync(response);
                break;
            case Expect.Handled when status >= 400:
                await ProblemAssert.IsClientErrorAsync(response);
                break;
            case Expect.NoBody:
                Assert.True(status is >= 400 and < 500, $"{name}: expected 4xx, got {status}");
                break;
        }

        Assert.False(response.Headers.Contains("X-Injected"), $"{name}: a header was injected.");
        Assert.False(response.Headers.Contains("Set-Cookie"), $"{name}: a cookie was set.");
    }

    /// <summary>Lists files created in the data directory outside the store root (the database files excepted).</summary>
    private List<string> NewFilesOutsideStore()
    {
        var store = Path.GetRelativePath(host.DataDirectory, host.Sync.StorePath) + Path.DirectorySeparatorChar;
        var database = Path.GetFileName(host.Sync.DatabasePath);
        return FileSnapshot.Take(host.DataDirectory)
            .Except(host.DataFilesBefore)
            .Where(path => !path.StartsWith(store, StringComparison.Ordinal) && !path.StartsWith(database, StringComparison.Ordinal))
            .ToList();
    }

    /// <summary>Lists store files whose path is not <c>ab/cd/abcd…</c> of their own SHA-256 (partial uploads excepted).</summary>
    private List<string> StoreFilesNotNamedByHash() =>
        FileSnapshot.Take(host.Sync.StorePath)
            .Where(path => !path.StartsWith(".uploads", StringComparison.Ordinal) && !path.StartsWith(".tmp", StringComparison.Ordinal))
            .Where(path =>
            {
                var name = Path.GetFileName(path);
                var expected = Path.Combine(name[..Math.Min(2, name.Length)], name[2..Math.Min(4, name.Length)], name);
                var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(host.Sync.StorePath, path))));
                return path != expected || hash != name;
            })
            .ToList();

    /// <summary>Lists paths named after a hostile file name that appeared anywhere under the temp, build or working folders.</summary>
    private List<string> NewMarkedPaths() =>
        HostileHost.MarkerRoots
            .SelectMany(root => FileSnapshot.FindNamed(root, HostileHost.Marker).Except(host.MarkedBefore[root]))
            .ToList();
}
