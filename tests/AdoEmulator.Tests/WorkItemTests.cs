using System.Text.Json.Nodes;
using AdoEmulator.Tests.Support;

namespace AdoEmulator.Tests;

public sealed class WorkItemTests
{
    [Fact]
    public async Task Create_returns_item_with_system_fields()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var item = await emulator.CreateTaskAsync("First task");
        var fields = item["fields"]!.AsObject();

        Assert.Equal(1, item["id"]!.GetValue<int>());
        Assert.Equal(1, item["rev"]!.GetValue<int>());
        Assert.Equal("First task", fields["System.Title"]!.ToString());
        Assert.Equal("Task", fields["System.WorkItemType"]!.ToString());
        Assert.Equal("Demo", fields["System.TeamProject"]!.ToString());
        Assert.Equal("New", fields["System.State"]!.ToString());
        Assert.Equal("Emulator User", fields["System.CreatedBy"]!["displayName"]!.ToString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$", fields["System.ChangedDate"]!.ToString());
        Assert.False(fields.ContainsKey("System.Rev"), "System.Rev is shown only in updates");
        Assert.Equal($"{emulator.Host.OrganizationUrl}/{emulator.Host.ProjectId}/_apis/wit/workItems/1", item["url"]!.ToString());
    }

    [Fact]
    public async Task Create_without_title_returns_400()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var response = await emulator.PostPatchAsync(
            "Demo/_apis/wit/workitems/$Task?" + TestEmulator.Version, """[{"op":"add","path":"/fields/System.State","value":"New"}]""");
        await AdoAssert.ErrorAsync(response, 400, "RuleValidationException");
        Assert.Null(emulator.Host.GetWorkItem(1));
    }

    [Fact]
    public async Task Create_with_plain_json_returns_415()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var response = await emulator.PostJsonAsync(
            "Demo/_apis/wit/workitems/$Task?" + TestEmulator.Version, """[{"op":"add","path":"/fields/System.Title","value":"x"}]""");
        await AdoAssert.ErrorAsync(response, 415, "VssRequestContentTypeNotSupportedException");
    }

    [Fact]
    public async Task Create_with_invalid_patch_returns_400()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var response = await emulator.PostPatchAsync("Demo/_apis/wit/workitems/$Task?" + TestEmulator.Version, """{"op":"add"}""");
        await AdoAssert.ErrorAsync(response, 400, "PatchOperationFailedException");
    }

    [Fact]
    public async Task Missing_work_item_returns_tf401232_envelope()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var response = await emulator.Client.GetAsync("_apis/wit/workitems/191?$expand=all&" + TestEmulator.Version);
        var body = await AdoAssert.ErrorAsync(response, 404, "WorkItemUnauthorizedAccessException");
        Assert.Equal("TF401232: Work item 191 does not exist, or you do not have permissions to read it.", body["message"]!.ToString());
        Assert.Equal(3200, body["eventId"]!.GetValue<int>());
        Assert.Equal(
            "Microsoft.TeamFoundation.WorkItemTracking.Server.WorkItemUnauthorizedAccessException, Microsoft.TeamFoundation.WorkItemTracking.Server",
            body["typeName"]!.ToString());
        Assert.Null(body["innerException"]);
    }

    [Theory]
    [InlineData("relations", true, true)]
    [InlineData("Relations", true, true)]
    [InlineData("all", true, true)]
    [InlineData("none", false, true)]
    [InlineData("1", true, true)]
    public async Task Get_expand_controls_relations(string expand, bool relations, bool links)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var item = await emulator.CreateTaskAsync();
        await emulator.AttachAsync(1, await emulator.UploadAsync("a.txt", [1]));
        using var response = await emulator.Client.GetAsync($"_apis/wit/workitems/1?$expand={expand}&{TestEmulator.Version}");
        var body = await TestEmulator.ReadObjectAsync(response);
        Assert.Equal(relations, body.ContainsKey("relations"));
        Assert.Equal(links, body.ContainsKey("_links"));
        Assert.Equal(item["id"]!.GetValue<int>(), body["id"]!.GetValue<int>());
    }

    [Fact]
    public async Task List_returns_items_in_requested_order()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateTaskAsync("one");
        await emulator.CreateTaskAsync("two");
        using var response = await emulator.Client.GetAsync($"_apis/wit/workitems?ids=2,1&{TestEmulator.Version}");
        var body = await TestEmulator.ReadObjectAsync(response);
        Assert.Equal(2, body["count"]!.GetValue<int>());
        Assert.Equal([2, 1], body["value"]!.AsArray().Select(v => v!["id"]!.GetValue<int>()));
    }

    [Fact]
    public async Task List_with_missing_id_fails_unless_omitted()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateTaskAsync();
        using var failing = await emulator.Client.GetAsync($"_apis/wit/workitems?ids=1,5&{TestEmulator.Version}");
        await AdoAssert.ErrorAsync(failing, 404, "WorkItemUnauthorizedAccessException");

        using var omitting = await emulator.Client.GetAsync($"_apis/wit/workitems?ids=1,5&errorPolicy=Omit&{TestEmulator.Version}");
        var body = await TestEmulator.ReadObjectAsync(omitting);
        Assert.Equal(2, body["count"]!.GetValue<int>());
        Assert.Null(body["value"]![1]);
    }

    [Fact]
    public async Task List_with_fields_returns_only_those()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateTaskAsync("only fields");
        using var response = await emulator.Client.GetAsync($"_apis/wit/workitems?ids=1&fields=System.Id,System.Title&{TestEmulator.Version}");
        var fields = (await TestEmulator.ReadObjectAsync(response))["value"]![0]!["fields"]!.AsObject();
        Assert.Equal(["System.Id", "System.Title"], fields.Select(f => f.Key));
    }

    [Fact]
    public async Task Delete_moves_item_to_recycle_bin()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateTaskAsync("to delete");
        using var deleted = await emulator.Client.DeleteAsync("Demo/_apis/wit/workitems/1?" + TestEmulator.Version);
        var body = await TestEmulator.ReadObjectAsync(deleted);
        Assert.Equal(200, body["code"]!.GetValue<int>());
        Assert.EndsWith("/_apis/wit/recyclebin/1", body["url"]!.ToString());
        Assert.Equal("to delete", body["name"]!.ToString());

        using var read = await emulator.Client.GetAsync("_apis/wit/workitems/1?" + TestEmulator.Version);
        await AdoAssert.ErrorAsync(read, 404, "WorkItemUnauthorizedAccessException");
        using var again = await emulator.Client.DeleteAsync("Demo/_apis/wit/workitems/1?" + TestEmulator.Version);
        await AdoAssert.ErrorAsync(again, 404, "WorkItemUnauthorizedAccessException");
    }

    [Fact]
    public async Task Updates_list_field_and_relation_changes()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateTaskAsync("history");
        var attachment = await emulator.UploadAsync("h.txt", [1, 2]);
        await emulator.AttachAsync(1, attachment);
        using var response = await emulator.Client.GetAsync("_apis/wit/workItems/1/updates?" + TestEmulator.Version);
        var updates = (await TestEmulator.ReadObjectAsync(response))["value"]!.AsArray();

        Assert.Equal(2, updates.Count);
        Assert.Equal(1, updates[0]!["fields"]!["System.Rev"]!["newValue"]!.GetValue<int>());
        Assert.Null(updates[0]!["fields"]!["System.Rev"]!["oldValue"]);
        Assert.Equal(2, updates[1]!["fields"]!["System.Rev"]!["newValue"]!.GetValue<int>());
        Assert.Equal(2, updates[1]!["relations"]!["added"]![0]!["attributes"]!["resourceSize"]!.GetValue<long>());
        Assert.Equal("9999-01-01T00:00:00Z", updates[1]!["revisedDate"]!.ToString());
        Assert.Equal(1, updates[1]!["workItemId"]!.GetValue<int>());
    }

    [Fact]
    public async Task Revisions_list_each_rev()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateTaskAsync("rev 1");
        using var patch = await emulator.PatchAsync(1, """[{"op":"replace","path":"/fields/System.Title","value":"rev 2"}]""");
        using var response = await emulator.Client.GetAsync("_apis/wit/workItems/1/revisions?" + TestEmulator.Version);
        var revisions = (await TestEmulator.ReadObjectAsync(response))["value"]!.AsArray();
        Assert.Equal(["rev 1", "rev 2"], revisions.Select(r => r!["fields"]!["System.Title"]!.ToString()));
        Assert.EndsWith("/revisions/2", revisions[1]!["url"]!.ToString());
    }

    [Fact]
    public async Task Requests_are_counted_per_route()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateTaskAsync();
        using var a = await emulator.Client.GetAsync("_apis/wit/workitems/1?" + TestEmulator.Version);
        using var b = await emulator.Client.GetAsync("Demo/_apis/wit/workitems/1?" + TestEmulator.Version);
        Assert.Equal(2, emulator.Host.Counters.Count("GET", "workitems.get"));
        Assert.Equal(1, emulator.Host.Counters.Count("POST", "workitems.create"));

        using var counters = await emulator.Client.GetAsync("/_emulator/counters");
        var body = JsonNode.Parse(await counters.Content.ReadAsStringAsync())!;
        Assert.Equal(2, body["requests"]!["GET workitems.get"]!.GetValue<long>());
    }
}
