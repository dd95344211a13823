using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AttachmentSync.Security.Tests.Hostile.Cases;
using AttachmentSync.Security.Tests.Infrastructure;

namespace AttachmentSync.Security.Tests.Names;

/// <summary>
/// Hostile but valid file names are stored exactly, reach Azure DevOps unchanged, and come back in a
/// <c>Content-Disposition</c> whose ASCII fallback and <c>filename*</c> cannot break the header.
/// </summary>
public sealed class FileNameRoundTripTests(SecureHost host) : IClassFixture<SecureHost>
{
    public static TheoryData<int> Names()
    {
        var data = new TheoryData<int>();
        foreach (var index in Enumerable.Range(0, AllNames.Count))
        {
            data.Add(index);
        }

        return data;
    }

    private static IReadOnlyList<string> AllNames { get; } = [.. UploadCases.HostileNames, .. GeneratedCases.FileNames().Take(15)];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Name_round_trips_exactly(int index)
    {
        var name = AllNames[index];
        var workItemId = await host.Sync.Ado.CreateWorkItemAsync("name " + index);
        var bytes = Encoding.UTF8.GetBytes("name round trip " + index);

        using var upload = await host.Client.PostAsync(
            $"/api/sync/upload?workItemId={workItemId}&fileName={Uri.EscapeDataString(name)}", new ByteArrayContent(bytes));
        var record = await upload.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Equal(name, record!["fileName"]!.GetValue<string>());
        var listed = await host.Client.GetFromJsonAsync<JsonArray>($"/api/sync/attachments/{workItemId}");
        Assert.Equal(name, Assert.Single(listed!)!["fileName"]!.GetValue<string>());
        var inAdo = Assert.Single(await host.Sync.Ado.GetAttachedFilesAsync(workItemId));
        Assert.Equal(name, inAdo.Name);
        await AssertDownloadHeadersAsync(record["id"]!.GetValue<string>(), name, bytes);
    }

    private async Task AssertDownloadHeadersAsync(string id, string name, byte[] bytes)
    {
        using var content = await host.Client.GetAsync($"/api/sync/attachments/{id}/content");
        var disposition = content.Content.Headers.ContentDisposition;

        Assert.Equal(HttpStatusCode.OK, content.StatusCode);
        Assert.Equal(bytes, await content.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", string.Join(",", content.Headers.GetValues("X-Content-Type-Options")));
        Assert.NotNull(disposition);
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal(name, disposition.FileNameStar);
        var fallback = disposition.FileName!.Trim('"');
        Assert.All(fallback, c => Assert.True(c is >= ' ' and <= '~' and not '"' and not '\\', $"'{c}' in the ASCII fallback"));
        Assert.False(content.Headers.Contains("Set-Cookie"));
        Assert.False(content.Headers.Contains("X-Injected"));
    }
}
