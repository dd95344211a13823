using System.Diagnostics;
using System.Globalization;
using System.Text;
using AdoEmulator.Faults;
using AttachmentSync.Reliability.Tests.Infrastructure;
using AttachmentSync.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AttachmentSync.Reliability.Tests.Soak;

/// <summary>
/// Moves files both ways under about 20 % injected faults while the service process is killed at least three
/// times, then checks both sides. The number of files per direction comes from <c>SOAK_FILES</c> (default 15).
/// </summary>
public sealed class SoakTests(ITestOutputHelper output)
{
    private const int WorkItemCount = 4;
    private const int Kills = 3;

    [Fact]
    public async Task Files_converge_under_faults_and_kills()
    {
        var filesPerDirection = int.TryParse(Environment.GetEnvironmentVariable("SOAK_FILES"), out var configured) ? configured : 15;
        await using var host = await ProcessSyncHost.StartAsync(new Dictionary<string, string>
        {
            ["Sync__SweepInterval"] = "00:00:03",
            ["Sync__SweepOverlap"] = "00:00:30",
            ["AzureDevOps__RequestTimeout"] = "00:00:05",
        });
        var workItems = new List<int>();
        for (var i = 0; i < WorkItemCount; i++)
        {
            workItems.Add(await host.Ado.CreateWorkItemAsync($"soak {i}"));
        }

        var expected = workItems.ToDictionary(id => id, _ => new List<string>());
        var rules = AddFaults(host);
        var clock = Stopwatch.StartNew();

        using var killing = new CancellationTokenSource();
        var killer = KillRepeatedlyAsync(host, killing.Token);
        await Task.WhenAll(
            SubmitToolFilesAsync(host, workItems, filesPerDirection, expected),
            SubmitAdoFilesAsync(host, workItems, filesPerDirection, expected));
        await killer;
        var submitted = clock.Elapsed;

        await WaitForConvergenceAsync(host, expected, TimeSpan.FromMinutes(5 + filesPerDirection / 20));
        var converged = clock.Elapsed - submitted;
        var faultsFired = rules.Sum(rule => InitialCount - (rule.Count ?? InitialCount));
        host.Emulator.Faults.Clear();

        await AssertBothSidesAsync(host, expected);
        await ReportAsync(filesPerDirection, host.Emulator.Counters.TotalRequests, faultsFired, host.Service.Kills,
            submitted, converged);
        Assert.True(host.Service.Kills >= Kills, $"only {host.Service.Kills} kills happened");
    }

    private const int InitialCount = 1_000_000;

    private static List<FaultRule> AddFaults(ProcessSyncHost host)
    {
        var rules = new List<FaultRule>
        {
            new() { Kind = FaultKind.Status, StatusCode = 503, Probability = 0.06, Seed = 1 },
            new() { Kind = FaultKind.RateLimit, RetryAfterSeconds = 1, Probability = 0.04, Seed = 2 },
            new() { Kind = FaultKind.BadGatewayHtml, Probability = 0.04, Seed = 3 },
            new() { Kind = FaultKind.Reset, BytesBeforeReset = 64, Probability = 0.03, Seed = 4 },
            new() { Kind = FaultKind.Conflict, Route = "workitems.update", Probability = 0.05, Seed = 5 },
            new() { Kind = FaultKind.Latency, DelayMs = 300, Probability = 0.03, Seed = 6 },
            new() { Kind = FaultKind.HookDrop, Probability = 0.1, Seed = 7 },
            new() { Kind = FaultKind.HookDuplicate, Probability = 0.1, Seed = 8 },
            new() { Kind = FaultKind.HookReorder, Probability = 0.1, Seed = 9, DelayMs = 500 },
        };
        foreach (var rule in rules)
        {
            rule.Count = InitialCount;
            host.Emulator.Faults.Add(rule);
        }

        return rules;
    }

    private static async Task KillRepeatedlyAsync(ProcessSyncHost host, CancellationToken cancellationToken)
    {
        for (var i = 0; i < Kills && !cancellationToken.IsCancellationRequested; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(3), CancellationToken.None);
            host.Service.Kill();
            await Task.Delay(TimeSpan.FromMilliseconds(300), CancellationToken.None);
            await host.Service.StartAsync();
        }
    }

    private static async Task SubmitToolFilesAsync(
        ProcessSyncHost host, List<int> workItems, int count, Dictionary<int, List<string>> expected)
    {
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 3 }, async (i, _) =>
        {
            var workItemId = workItems[i % workItems.Count];
            var bytes = FileBytes(i, 1);
            await host.UploadAsync(workItemId, $"tool-{i}.bin", bytes);
            lock (expected)
            {
                expected[workItemId].Add(Hashes.Sha256(bytes));
            }
        });
    }

    private static async Task SubmitAdoFilesAsync(
        ProcessSyncHost host, List<int> workItems, int count, Dictionary<int, List<string>> expected)
    {
        using var user = new ResilientAdoUser(host.Emulator);
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (i, _) =>
        {
            var workItemId = workItems[(i + 1) % workItems.Count];
            var bytes = FileBytes(i, 2);
            await user.AddAttachmentAsync(workItemId, $"ado-{i}.bin", bytes);
            lock (expected)
            {
                expected[workItemId].Add(Hashes.Sha256(bytes));
            }
        });
    }

    /// <summary>Builds distinct content: mostly a few KiB, every tenth file large enough to go up in chunks.</summary>
    private static byte[] FileBytes(int index, int side)
    {
        var length = index % 10 == 9 ? 3 * ProcessSyncHost.ChunkSize + 77 : 1000 + index * 37 % 7000;
        var bytes = new byte[length];
        new Random(index * 10 + side).NextBytes(bytes);
        return bytes;
    }

    private static Task WaitForConvergenceAsync(ProcessSyncHost host, Dictionary<int, List<string>> expected, TimeSpan timeout) =>
        SyncTestHost.WaitUntilAsync(async () =>
        {
            foreach (var (workItemId, hashes) in expected)
            {
                var live = (await host.Ledger.RecordsAsync(workItemId)).Where(row => row.State != "DELETED").ToList();
                if (live.Count != hashes.Count || live.Any(row => row.State != "SYNCED"))
                {
                    return false;
                }
            }

            var jobs = await host.Ledger.JobCountsAsync();
            return jobs.GetValueOrDefault("QUEUED") == 0 && jobs.GetValueOrDefault("PROCESSING") == 0;
        }, "every file is synced on both sides and the queue is idle", timeout);

    private static async Task AssertBothSidesAsync(ProcessSyncHost host, Dictionary<int, List<string>> expected)
    {
        foreach (var (workItemId, hashes) in expected)
        {
            var relations = await host.Ado.GetAttachedFilesAsync(workItemId);
            Assert.Equal(relations.Count, relations.Select(relation => relation.Id).Distinct().Count());
            var adoHashes = new List<string>();
            foreach (var relation in relations)
            {
                Assert.True(host.Emulator.TryOpenAttachmentContent(relation.Id, out var content));
                await using (content)
                {
                    adoHashes.Add(Hashes.Sha256(content));
                }
            }

            Assert.Equal(hashes.Order().ToList(), adoHashes.Order().ToList());

            var live = (await host.Ledger.RecordsAsync(workItemId)).Where(row => row.State != "DELETED").ToList();
            Assert.Equal(hashes.Order().ToList(), live.Select(row => row.Sha256!).Order().ToList());
            Assert.All(live, row => Assert.Equal("SYNCED", row.State));
            Assert.Equal(
                relations.Select(relation => relation.Id.ToString()).Order().ToList(),
                live.Select(row => row.AdoAttachmentId!).Order().ToList());
        }

        var published = StoreFiles.Published(host.StorePath);
        foreach (var path in published)
        {
            Assert.Equal(Path.GetFileName(path), Hashes.Sha256File(path));
        }

        var allHashes = expected.Values.SelectMany(hashes => hashes).ToHashSet();
        Assert.Equal(allHashes.Order().ToList(), published.Select(path => Path.GetFileName(path)).Order().ToList());
        var jobs = await host.Ledger.JobCountsAsync();
        Assert.Equal(0, jobs.GetValueOrDefault("QUEUED"));
        Assert.Equal(0, jobs.GetValueOrDefault("PROCESSING"));
        Assert.Empty(await host.Ledger.FailedJobErrorsAsync());
    }

    private async Task ReportAsync(
        int filesPerDirection, long requests, int faults, int kills, TimeSpan submitted, TimeSpan converged)
    {
        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"files from the tool: {filesPerDirection}")
            .AppendLine(CultureInfo.InvariantCulture, $"files from Azure DevOps: {filesPerDirection}")
            .AppendLine(CultureInfo.InvariantCulture, $"work items: {WorkItemCount}")
            .AppendLine(CultureInfo.InvariantCulture, $"emulator requests: {requests}")
            .AppendLine(CultureInfo.InvariantCulture, $"faults injected (requests and hook deliveries): {faults}")
            .AppendLine(CultureInfo.InvariantCulture, $"service kills: {kills}")
            .AppendLine(CultureInfo.InvariantCulture, $"submission time: {submitted.TotalSeconds:F1} s")
            .AppendLine(CultureInfo.InvariantCulture, $"time to converge after the last submission: {converged.TotalSeconds:F1} s")
            .ToString();
        output.WriteLine(report);
        var artifacts = Path.Combine(RepositoryFiles.Root, "artifacts");
        Directory.CreateDirectory(artifacts);
        await File.WriteAllTextAsync(Path.Combine(artifacts, "soak-results.txt"), report);
    }
}
