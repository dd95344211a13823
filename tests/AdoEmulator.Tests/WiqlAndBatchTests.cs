using System.Text.Json.Nodes;
using AdoEmulator.Tests.Support;

namespace AdoEmulator.Tests;

public sealed class WiqlAndBatchTests
{
    [Fact]
    public async Task Changed_date_query_returns_later_items_in_order()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var first = await emulator.CreateTaskAsync("first");
        await emulator.CreateTaskAsync("second");
        await emulator.CreateTaskAsync("third");
        using var touch = await emulator.PatchAsync(2, """[{"op":"replace","path":"/fields/System.Title","value":"second, edited"}]""");
        var watermark = first["fields"]!["System.ChangedDate"]!.ToString();

        var result = await QueryAsync(emulator,
            "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project " +
            $"AND [System.ChangedDate] > '{watermark}' ORDER BY [System.ChangedDate] ASC");

        Assert.Equal([3, 2], result["workItems"]!.AsArray().Select(w => w!["id"]!.GetValue<int>()));
        Assert.Equal("flat", result["queryType"]!.ToString());
        Assert.Equal("System.Id", result["columns"]![0]!["referenceName"]!.ToString());
        Assert.Equal("System.ChangedDate", result["sortColumns"]![0]!["field"]!["referenceName"]!.ToString());
        Assert.False(result["sortColumns"]![0]!["descending"]!.GetValue<bool>());
        Assert.Matches(@"Z$", result["asOf"]!.ToString());
    }

    [Fact]
    public async Task Id_filters_and_descending_order()
    {
        await using var emulator = await TestEmulator.StartAsync();
        for (var i = 0; i < 4; i++)
        {
            await emulator.CreateTaskAsync($"item {i}");
        }

        var result = await QueryAsync(emulator, "SELECT [System.Id] FROM WorkItems WHERE [System.Id] >= 2 AND NOT [System.Id] IN (3) ORDER BY [System.Id] DESC");
        Assert.Equal([4, 2], result["workItems"]!.AsArray().Select(w => w!["id"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Deleted_items_are_not_returned()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateTaskAsync();
        using var delete = await emulator.Client.DeleteAsync("Demo/_apis/wit/workitems/1?" + TestEmulator.Version);
        var result = await QueryAsync(emulator, "SELECT [System.Id] FROM WorkItems");
        Assert.Empty(result["workItems"]!.AsArray());
    }

    [Fact]
    public async Task Invalid_query_returns_400()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var response = await emulator.PostJsonAsync("Demo/_apis/wit/wiql?" + TestEmulator.Version, """{"query":"SELECT FROM"}""");
        await AdoAssert.ErrorAsync(response, 400, "WiqlSyntaxException");
    }

    [Fact]
    public async Task Team_route_checks_the_project()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var body = """{"query":"SELECT [System.Id] FROM WorkItems"}""";
        using var known = await emulator.PostJsonAsync("Demo/Demo Team/_apis/wit/wiql?" + TestEmulator.Version, body);
        using var unknown = await emulator.PostJsonAsync("Other/Other Team/_apis/wit/wiql?" + TestEmulator.Version, body);
        Assert.Equal(200, (int)known.StatusCode);
        await AdoAssert.ErrorAsync(unknown, 404, "ProjectDoesNotExistWithNameException");
    }

    [Fact]
    public async Task Batch_returns_relations_when_expanded()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateTaskAsync();
        await emulator.CreateTaskAsync();
        await emulator.AttachAsync(2, await emulator.UploadAsync("x.txt", [1]));
        using var response = await emulator.PostJsonAsync("Demo/_apis/wit/workitemsbatch?" + TestEmulator.Version,
            """{"ids":[2,1],"$expand":"Relations"}""");
        var body = await TestEmulator.ReadObjectAsync(response);
        Assert.Equal(2, body["count"]!.GetValue<int>());
        Assert.Equal(2, body["value"]![0]!["id"]!.GetValue<int>());
        Assert.Single(body["value"]![0]!["relations"]!.AsArray());
        Assert.Null(body["value"]![1]!["relations"]);
    }

    [Fact]
    public async Task Batch_error_policy_omit_and_fail()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateTaskAsync();
        using var failing = await emulator.PostJsonAsync("_apis/wit/workitemsbatch?" + TestEmulator.Version, """{"ids":[1,9]}""");
        await AdoAssert.ErrorAsync(failing, 404, "WorkItemUnauthorizedAccessException");

        using var omitting = await emulator.PostJsonAsync("_apis/wit/workitemsbatch?" + TestEmulator.Version, """{"ids":[1,9],"errorPolicy":"Omit"}""");
        var body = await TestEmulator.ReadObjectAsync(omitting);
        Assert.Equal(1, body["value"]![0]!["id"]!.GetValue<int>());
        Assert.Null(body["value"]![1]);
    }

    [Fact]
    public async Task Batch_over_200_ids_returns_400()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var ids = new JsonArray(Enumerable.Range(1, 201).Select(i => (JsonNode)i).ToArray());
        using var response = await emulator.PostJsonAsync("_apis/wit/workitemsbatch?" + TestEmulator.Version, new JsonObject { ["ids"] = ids }.ToJsonString());
        await AdoAssert.ErrorAsync(response, 400, "ArgumentException");
    }

    [Fact]
    public async Task Batch_with_fields_returns_only_those()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateTaskAsync("fields only");
        using var response = await emulator.PostJsonAsync("_apis/wit/workitemsbatch?" + TestEmulator.Version,
            """{"ids":[1],"fields":["System.Id","System.Title"]}""");
        var item = (await TestEmulator.ReadObjectAsync(response))["value"]![0]!;
        Assert.Equal(["System.Id", "System.Title"], item["fields"]!.AsObject().Select(f => f.Key));
        Assert.Null(item["_links"]);
    }

    private static async Task<JsonObject> QueryAsync(TestEmulator emulator, string wiql)
    {
        using var response = await emulator.PostJsonAsync(
            "Demo/_apis/wit/wiql?" + TestEmulator.Version, new JsonObject { ["query"] = wiql }.ToJsonString());
        Assert.Equal(200, (int)response.StatusCode);
        return await TestEmulator.ReadObjectAsync(response);
    }
}
