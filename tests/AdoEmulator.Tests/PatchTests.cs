using System.Text.Json.Nodes;
using AdoEmulator.Tests.Support;

namespace AdoEmulator.Tests;

public sealed class PatchTests
{
    [Fact]
    public async Task Add_attached_file_stores_normalized_relation()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateTaskAsync();
        var attachment = await emulator.UploadAsync("upload-name.txt", "abc"u8.ToArray());
        var url = attachment["url"]!.ToString().Replace("upload-name.txt", "Spec.txt", StringComparison.Ordinal);
        var patch = new JsonArray(
            new JsonObject { ["op"] = "test", ["path"] = "/rev", ["value"] = 1 },
            new JsonObject { ["op"] = "add", ["path"] = "/fields/System.History", ["value"] = "Adding the spec" },
            new JsonObject
            {
                ["op"] = "add",
                ["path"] = "/relations/-",
                ["value"] = new JsonObject
                {
                    ["rel"] = "AttachedFile",
                    ["url"] = url,
                    ["attributes"] = new JsonObject { ["comment"] = "Spec for the work" },
                },
            });
        using var response = await emulator.PatchAsync(1, patch.ToJsonString());
        var item = await TestEmulator.ReadObjectAsync(response);
        var relation = item["relations"]![0]!;
        var attributes = relation["attributes"]!;

        Assert.Equal(2, item["rev"]!.GetValue<int>());
        Assert.Equal("Adding the spec", item["fields"]!["System.History"]!.ToString());
        Assert.Equal(url[..url.IndexOf('?', StringComparison.Ordinal)], relation["url"]!.ToString());
        Assert.Equal("Spec.txt", attributes["name"]!.ToString());
        Assert.Equal("Spec for the work", attributes["comment"]!.ToString());
        Assert.Equal(3, attributes["resourceSize"]!.GetValue<long>());
        Assert.True(attributes["id"]!.GetValue<int>() > 0);
        Assert.Equal("9999-01-01T00:00:00Z", attributes["revisedDate"]!.ToString());
        Assert.NotNull(attributes["authorizedDate"]);
        Assert.NotNull(attributes["resourceCreatedDate"]);
        Assert.NotNull(attributes["resourceModifiedDate"]);
    }

    [Fact]
    public async Task Remove_relation_by_index()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateTaskAsync();
        await emulator.AttachAsync(1, await emulator.UploadAsync("a.txt", [1]));
        await emulator.AttachAsync(1, await emulator.UploadAsync("b.txt", [2]));
        using var response = await emulator.PatchAsync(1, """[{"op":"test","path":"/rev","value":3},{"op":"remove","path":"/relations/0"}]""");
        var item = await TestEmulator.ReadObjectAsync(response);
        Assert.Equal(4, item["rev"]!.GetValue<int>());
        Assert.Single(item["relations"]!.AsArray());
        Assert.Equal("b.txt", item["relations"]![0]!["attributes"]!["name"]!.ToString());
    }

    [Fact]
    public async Task Failing_rev_test_returns_412_and_applies_nothing()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateTaskAsync("unchanged");
        using var response = await emulator.PatchAsync(1,
            """[{"op":"add","path":"/fields/System.Title","value":"changed"},{"op":"test","path":"/rev","value":7}]""");
        var body = await AdoAssert.ErrorAsync(response, 412, "TestPatchOperationFailedException");
        Assert.Contains("/rev", body["message"]!.ToString());
        var item = emulator.Host.GetWorkItem(1)!;
        Assert.Equal(1, item.Rev);
        Assert.Equal("unchanged", item.Fields["System.Title"]);
    }

    [Fact]
    public async Task Invalid_relation_index_applies_nothing()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateTaskAsync("unchanged");
        using var response = await emulator.PatchAsync(1,
            """[{"op":"add","path":"/fields/System.Title","value":"changed"},{"op":"remove","path":"/relations/3"}]""");
        await AdoAssert.ErrorAsync(response, 400, "PatchOperationFailedException");
        Assert.Equal("unchanged", emulator.Host.GetWorkItem(1)!.Fields["System.Title"]);
    }

    [Fact]
    public async Task Patch_updates_rev_and_changed_fields()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var created = await emulator.CreateTaskAsync();
        using var response = await emulator.PatchAsync(1, """[{"op":"replace","path":"/fields/System.State","value":"Active"}]""");
        var item = await TestEmulator.ReadObjectAsync(response);
        var before = DateTimeOffset.Parse(created["fields"]!["System.ChangedDate"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        var after = DateTimeOffset.Parse(item["fields"]!["System.ChangedDate"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(2, item["rev"]!.GetValue<int>());
        Assert.True(after > before, $"ChangedDate {after:o} is not after {before:o}");
        Assert.Equal("Emulator User", item["fields"]!["System.ChangedBy"]!["displayName"]!.ToString());
    }

    [Fact]
    public async Task Read_only_field_returns_400()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateTaskAsync();
        using var response = await emulator.PatchAsync(1, """[{"op":"add","path":"/fields/System.Rev","value":9}]""");
        await AdoAssert.ErrorAsync(response, 400, "WorkItemFieldInvalidException");
    }

    [Fact]
    public async Task Patch_on_missing_item_returns_404()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var response = await emulator.PatchAsync(42, """[{"op":"add","path":"/fields/System.Title","value":"x"}]""");
        await AdoAssert.ErrorAsync(response, 404, "WorkItemUnauthorizedAccessException");
    }

    [Fact]
    public async Task Attachment_over_limit_returns_vs403313()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.MaxAttachmentsPerWorkItem = 2);
        await emulator.CreateTaskAsync();
        await emulator.AttachAsync(1, await emulator.UploadAsync("1.txt", [1]));
        await emulator.AttachAsync(1, await emulator.UploadAsync("2.txt", [2]));
        var third = await emulator.UploadAsync("3.txt", [3]);
        var patch = $$$"""[{"op":"add","path":"/relations/-","value":{"rel":"AttachedFile","url":"{{{third["url"]}}}"}}]""";
        using var response = await emulator.PatchAsync(1, patch);
        var body = await AdoAssert.ErrorAsync(response, 400, "RuleValidationException");
        Assert.StartsWith("VS403313", body["message"]!.ToString());
        Assert.Equal(3, emulator.Host.GetWorkItem(1)!.Rev);
    }

    [Fact]
    public async Task Unknown_attachment_url_returns_400()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateTaskAsync();
        var patch = $$$"""[{"op":"add","path":"/relations/-","value":{"rel":"AttachedFile","url":"{{{emulator.Host.OrganizationUrl}}}/_apis/wit/attachments/{{{Guid.NewGuid()}}}"}}]""";
        using var response = await emulator.PatchAsync(1, patch);
        await AdoAssert.ErrorAsync(response, 400, "AttachmentNotFoundException");
    }

    [Fact]
    public async Task Work_item_link_gets_is_locked_attribute()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateTaskAsync("parent");
        await emulator.CreateTaskAsync("child");
        var parentUrl = $"{emulator.Host.OrganizationUrl}/_apis/wit/workItems/1";
        var patch = "[{\"op\":\"add\",\"path\":\"/relations/-\",\"value\":{\"rel\":\"System.LinkTypes.Hierarchy-Reverse\"," +
            $"\"url\":\"{parentUrl}\",\"attributes\":{{\"comment\":\"decomposition\"}}}}}}]";
        using var response = await emulator.PatchAsync(2, patch);
        var relation = (await TestEmulator.ReadObjectAsync(response))["relations"]![0]!;
        Assert.False(relation["attributes"]!["isLocked"]!.GetValue<bool>());
        Assert.Equal("decomposition", relation["attributes"]!["comment"]!.ToString());
    }

    [Fact]
    public async Task Concurrent_saves_of_one_item_conflict_or_serialize()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateTaskAsync();
        var tasks = Enumerable.Range(0, 20).Select(i =>
            emulator.PatchAsync(1, $$"""[{"op":"add","path":"/fields/System.Description","value":"writer {{i}}"}]""")).ToArray();
        var responses = await Task.WhenAll(tasks);
        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        foreach (var response in responses.Where(r => (int)r.StatusCode == 409))
        {
            await AdoAssert.ErrorAsync(response, 409, "WorkItemRevisionMismatchException");
        }

        Assert.All(statuses, s => Assert.Contains(s, new[] { 200, 409 }));
        Assert.Equal(1 + statuses.Count(s => s == 200), emulator.Host.GetWorkItem(1)!.Rev);
    }
}
