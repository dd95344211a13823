using AdoEmulator.Faults;
using AttachmentSync.Reliability.Tests.Infrastructure;
using AttachmentSync.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace AttachmentSync.Reliability.Tests.Crash;

/// <summary>
/// The service process is held at one step (emulator latency, or a write lock on its database), killed with
/// its process tree, and started again on the same database and store. Each test then checks both sides:
/// one relation, one stored copy, the same bytes, nothing left queued.
/// </summary>
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task Kill_after_upload_before_link()
    {
        await using var host = await ProcessSyncHost.StartAsync();
        var workItemId = await host.Ado.CreateWorkItemAsync("kill before link");
        var hold = host.Emulator.Faults.Add(new FaultRule
        {
            Kind = FaultKind.Latency, Method = "PATCH", Route = "workitems.update", DelayMs = 120_000,
        });
        var bytes = RandomBytes(20_000, 1);

        await host.UploadAsync(workItemId, "before-link.bin", bytes);
        var uploaded = await Wait.ForSingleRecordAsync(host.Ledger, workItemId, "UPLOADED");
        await SyncTestHost.WaitUntilAsync(
            () => Task.FromResult(host.Emulator.Counters.Count("PATCH", "workitems.update") >= 1),
            "the link request reached Azure DevOps");
        host.Service.Kill();
        host.Emulator.Faults.Remove(hold.Id);

        Assert.Empty(await host.Ado.GetAttachedFilesAsync(workItemId));
        await host.Service.StartAsync();
        var synced = await Wait.ForSingleRecordAsync(host.Ledger, workItemId, "SYNCED");

        Assert.Equal(uploaded.AdoAttachmentId, synced.AdoAttachmentId);
        Assert.Equal(1, host.Emulator.Counters.Count("POST", "attachments.create"));
        await AssertBothSidesAsync(host, workItemId, bytes);
    }

    [Fact]
    public async Task Kill_after_link_before_commit()
    {
        await using var host = await ProcessSyncHost.StartAsync();
        var workItemId = await host.Ado.CreateWorkItemAsync("kill after link");
        var hold = host.Emulator.Faults.Add(new FaultRule
        {
            Kind = FaultKind.Latency, Method = "PATCH", Route = "workitems.update", DelayMs = 1500,
        });
        var bytes = RandomBytes(30_000, 2);

        await host.UploadAsync(workItemId, "after-link.bin", bytes);
        await Wait.ForSingleRecordAsync(host.Ledger, workItemId, "UPLOADED");

        // While the PATCH is held, lock the database: the link lands, and the write that follows it waits.
        await using (var writeLock = await LockDatabaseAsync(host))
        {
            await SyncTestHost.WaitUntilAsync(async () => (await host.Ado.GetAttachedFilesAsync(workItemId)).Count == 1,
                "the relation exists in Azure DevOps");
            await Task.Delay(200);
            host.Service.Kill();
        }

        host.Emulator.Faults.Remove(hold.Id);
        Assert.Equal("UPLOADED", (await host.Ledger.RecordsAsync(workItemId)).Single().State);
        var patchesBefore = host.Emulator.Counters.Count("PATCH", "workitems.update");
        await host.Service.StartAsync();
        await Wait.ForSingleRecordAsync(host.Ledger, workItemId, "SYNCED");

        Assert.Equal(patchesBefore, host.Emulator.Counters.Count("PATCH", "workitems.update"));
        await AssertBothSidesAsync(host, workItemId, bytes);
    }

    [Fact]
    public async Task Kill_mid_chunked_upload_resumes()
    {
        await using var host = await ProcessSyncHost.StartAsync();
        var workItemId = await host.Ado.CreateWorkItemAsync("kill mid chunked upload");
        var slow = host.Emulator.Faults.Add(new FaultRule
        {
            Kind = FaultKind.Latency, Method = "PUT", Route = "attachments.uploadChunk", DelayMs = 400,
        });
        var bytes = RandomBytes(10 * ProcessSyncHost.ChunkSize + 123, 3);

        await host.UploadAsync(workItemId, "chunked.bin", bytes);
        LedgerRow? inFlight = null;
        await SyncTestHost.WaitUntilAsync(async () =>
        {
            inFlight = (await host.Ledger.RecordsAsync(workItemId)).SingleOrDefault();
            return inFlight?.ChunkedUploadOffset >= 3 * ProcessSyncHost.ChunkSize;
        }, "three chunks are acknowledged");
        host.Service.Kill();
        host.Emulator.Faults.Remove(slow.Id);

        var acknowledged = (await host.Ledger.RecordsAsync(workItemId)).Single();
        Assert.NotNull(acknowledged.ChunkedUploadId);
        Assert.True(acknowledged.ChunkedUploadOffset < bytes.Length, "the upload was still in flight at the kill");
        var stored = await SettledStoredLengthAsync(host, Guid.Parse(acknowledged.ChunkedUploadId));
        await host.Service.StartAsync();
        var synced = await Wait.ForSingleRecordAsync(host.Ledger, workItemId, "SYNCED");

        Assert.Null(synced.ChunkedUploadOffset);
        var creates = host.Emulator.Counters.Count("POST", "attachments.create");
        var received = host.Emulator.Counters.AttachmentBytesReceived;
        if (stored == acknowledged.ChunkedUploadOffset)
        {
            // The ledger recorded every chunk Azure DevOps stored, so the job continues the same upload.
            Assert.Equal(acknowledged.ChunkedUploadId, synced.AdoAttachmentId);
            Assert.Equal(1, creates);
            Assert.InRange(received, bytes.Length, bytes.Length + ProcessSyncHost.ChunkSize);
        }
        else
        {
            // Azure DevOps stored one more chunk than the ledger recorded before the kill. The resumed range is
            // rejected, and the job starts one new upload.
            Assert.Equal(acknowledged.ChunkedUploadOffset + ProcessSyncHost.ChunkSize, stored);
            Assert.NotEqual(acknowledged.ChunkedUploadId, synced.AdoAttachmentId);
            Assert.Equal(2, creates);
            Assert.InRange(received, bytes.Length + stored!.Value, bytes.Length + stored.Value + ProcessSyncHost.ChunkSize);
        }

        await AssertBothSidesAsync(host, workItemId, bytes);
    }

    [Fact]
    public async Task Kill_mid_download_leaves_one_copy()
    {
        await using var host = await ProcessSyncHost.StartAsync();
        var workItemId = await host.Ado.CreateWorkItemAsync("kill mid download");
        var bytes = RandomBytes(48 * 1024 * 1024, 4);
        var tempDirectory = Path.Combine(host.StorePath, ".tmp");

        await host.Ado.AddAttachmentAsync(workItemId, "large-from-ado.bin", bytes);
        await SyncTestHost.WaitUntilAsync(() => Task.FromResult(
                StoreFiles.Temporary(host.StorePath).Any(path => new FileInfo(path).Length > 0)),
            "the download is writing its temp file", TimeSpan.FromSeconds(60));
        host.Service.Kill();

        var partial = StoreFiles.Temporary(host.StorePath);
        Assert.NotEmpty(partial);
        Assert.Equal("DOWNLOADING", (await host.Ledger.RecordsAsync(workItemId)).Single().State);
        Assert.Empty(StoreFiles.Published(host.StorePath));
        await host.Service.StartAsync();
        await Wait.ForSingleRecordAsync(host.Ledger, workItemId, "SYNCED");

        Assert.DoesNotContain(StoreFiles.Temporary(host.StorePath), partial.Contains);
        Assert.True(Directory.Exists(tempDirectory));
        await AssertBothSidesAsync(host, workItemId, bytes);
    }

    /// <summary>
    /// Returns the emulator's stored length of an upload once it has not changed for a second. A chunk the killed
    /// service had sent in full is still stored when the emulator's injected delay ends.
    /// </summary>
    private static async Task<long?> SettledStoredLengthAsync(ProcessSyncHost host, Guid uploadId)
    {
        var stored = host.Emulator.GetStoredLength(uploadId);
        var unchangedSince = DateTimeOffset.UtcNow;
        while (DateTimeOffset.UtcNow - unchangedSince < TimeSpan.FromSeconds(1))
        {
            await Task.Delay(100);
            var current = host.Emulator.GetStoredLength(uploadId);
            if (current != stored)
            {
                stored = current;
                unchangedSince = DateTimeOffset.UtcNow;
            }
        }

        return stored;
    }

    private static async Task AssertBothSidesAsync(ProcessSyncHost host, int workItemId, byte[] bytes)
    {
        var sha256 = Hashes.Sha256(bytes);
        var relation = Assert.Single(await host.Ado.GetAttachedFilesAsync(workItemId));
        Assert.True(host.Emulator.TryOpenAttachmentContent(relation.Id, out var adoContent));
        await using (adoContent)
        {
            Assert.Equal(sha256, Hashes.Sha256(adoContent));
        }

        var record = (await host.Ledger.RecordsAsync(workItemId)).Single();
        Assert.Equal("SYNCED", record.State);
        Assert.Equal(sha256, record.Sha256);
        Assert.Equal(relation.Id.ToString(), record.AdoAttachmentId);
        var stored = Assert.Single(StoreFiles.Published(host.StorePath));
        Assert.Equal(sha256, Hashes.Sha256File(stored));
        await Wait.ForIdleQueueAsync(host.Ledger);
        Assert.Empty(await host.Ledger.FailedJobErrorsAsync());
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Takes the database's write lock and keeps it until disposed.</summary>
    private static async Task<SqliteTransactionScope> LockDatabaseAsync(ProcessSyncHost host)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = host.DatabasePath,
            Pooling = false,
        }.ToString());
        await connection.OpenAsync();
        await using (var begin = connection.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE;";
            await begin.ExecuteNonQueryAsync();
        }

        return new SqliteTransactionScope(connection);
    }

    private sealed class SqliteTransactionScope(SqliteConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using (var rollback = connection.CreateCommand())
            {
                rollback.CommandText = "ROLLBACK;";
                await rollback.ExecuteNonQueryAsync();
            }

            await connection.DisposeAsync();
        }
    }
}
