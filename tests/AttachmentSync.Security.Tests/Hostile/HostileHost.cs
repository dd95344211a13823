using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AttachmentSync.Security.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace AttachmentSync.Security.Tests.Hostile;

/// <summary>
/// A secured service with data stored before any hostile request: three synced files on one work item,
/// their ledger rows and bytes, and a listing of the data directory, all kept to compare afterwards.
/// </summary>
public sealed class HostileHost : SecureHost
{
    /// <summary>Part of every hostile file name, so files named after one can be found anywhere.</summary>
    public const string Marker = "hx7q";

    public const long MaxUploadBytes = 1024 * 1024;

    /// <summary>Work item that carries the seeded files.</summary>
    public int SeededWorkItemId { get; private set; }

    /// <summary>Work item that takes the valid hostile uploads.</summary>
    public int TargetWorkItemId { get; private set; }

    public IReadOnlyList<Guid> SeededIds { get; private set; } = [];

    public string SeededRows { get; private set; } = "";

    public IReadOnlyDictionary<string, string> SeededBytes { get; private set; } = new Dictionary<string, string>();

    public HashSet<string> DataFilesBefore { get; private set; } = [];

    private List<string> SeedHashes { get; } = [];

    public Dictionary<string, HashSet<string>> MarkedBefore { get; } = [];

    public static IReadOnlyList<string> MarkerRoots =>
        [Path.GetTempPath(), AppContext.BaseDirectory, Directory.GetCurrentDirectory()];

    public override async Task InitializeAsync()
    {
        Sync.Settings["Sync:MaxUploadBytes"] = MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await base.InitializeAsync();
        SeededWorkItemId = await Sync.Ado.CreateWorkItemAsync("seeded");
        TargetWorkItemId = await Sync.Ado.CreateWorkItemAsync("hostile target");
        SeededIds = [await SeedRawAsync(), await SeedMultipartAsync(), await SeedJsonAsync()];
        SeededRows = await ReadRowsAsync();
        SeededBytes = ReadSeededBytes();
        DataFilesBefore = FileSnapshot.Take(DataDirectory);
        foreach (var root in MarkerRoots)
        {
            MarkedBefore[root] = FileSnapshot.FindNamed(root, Marker).ToHashSet(StringComparer.Ordinal);
        }
    }

    /// <summary>Adds <see cref="SecureHost.ApiKey"/> to a request.</summary>
    public HttpRequestMessage Authorized(HttpRequestMessage request)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        return request;
    }

    /// <summary>Returns the seeded ledger rows as text, in id order.</summary>
    public async Task<string> ReadRowsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Sync.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        var ids = string.Join(", ", SeededIds.Select(id => $"'{id}'"));
        command.CommandText = $"SELECT * FROM attachment_sync_metadata WHERE id IN ({ids}) ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync();
        var text = new StringBuilder();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                text.Append(reader.GetName(i)).Append('=').Append(reader.IsDBNull(i) ? "NULL" : reader.GetValue(i)).Append(' ');
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Returns the SHA-256 of each seeded file as read back from the store, by its content address.</summary>
    public Dictionary<string, string> ReadSeededBytes() =>
        SeedHashes.ToDictionary(sha => sha, sha =>
        {
            var path = Path.Combine(Sync.StorePath, sha[..2], sha[2..4], sha);
            return File.Exists(path) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))) : "missing";
        });

    private async Task<Guid> SeedRawAsync()
    {
        var bytes = SeedBytes(1);
        using var content = new ByteArrayContent(bytes);
        using var response = await Client.PostAsync($"/api/sync/upload?workItemId={SeededWorkItemId}&fileName=seed-a.txt", content);
        return await SeededIdAsync(response, bytes);
    }

    private async Task<Guid> SeedMultipartAsync()
    {
        var bytes = SeedBytes(2);
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(SeededWorkItemId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "workItemId");
        form.Add(new ByteArrayContent(bytes), "file", "seed-b.bin");
        using var response = await Client.PostAsync("/api/sync/upload", form);
        return await SeededIdAsync(response, bytes);
    }

    private async Task<Guid> SeedJsonAsync()
    {
        var bytes = SeedBytes(3);
        var body = new JsonObject
        {
            ["workItemId"] = SeededWorkItemId,
            ["fileName"] = "seed-c.json",
            ["file"] = Convert.ToBase64String(bytes),
        };
        using var response = await Client.PostAsJsonAsync("/api/sync/upload", body);
        return await SeededIdAsync(response, bytes);
    }

    private async Task<Guid> SeededIdAsync(HttpResponseMessage response, byte[] bytes)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Seeding failed with {(int)response.StatusCode}: {text}");
        }

        SeedHashes.Add(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        return Guid.Parse(JsonNode.Parse(text)!["id"]!.GetValue<string>());
    }

    private static byte[] SeedBytes(int seed)
    {
        var bytes = new byte[4096 + seed];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
