using AdoEmulator.Tests.Support;

namespace AdoEmulator.Tests;

/// <summary><c>GET {coll}/_apis/projects/{projectNameOrId}</c>, the Core API's project read.</summary>
public sealed class ProjectTests
{
    [Theory]
    [InlineData("Demo")]
    [InlineData("demo")]
    public async Task Project_by_name_returns_id(string name)
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.Client.GetAsync($"_apis/projects/{name}?{TestEmulator.Version}");

        Assert.Equal(200, (int)response.StatusCode);
        var project = await TestEmulator.ReadObjectAsync(response);
        Assert.Equal(emulator.Host.ProjectId.ToString(), project["id"]!.GetValue<string>());
        Assert.Equal("Demo", project["name"]!.GetValue<string>());
        Assert.Equal($"{emulator.Host.OrganizationUrl}/_apis/projects/{emulator.Host.ProjectId}", project["url"]!.GetValue<string>());
        Assert.Equal("wellFormed", project["state"]!.GetValue<string>());
        Assert.Equal("private", project["visibility"]!.GetValue<string>());
        Assert.True(project["revision"]!.GetValue<long>() > 0, "revision is not positive");
        Assert.True(DateTimeOffset.TryParse(project["lastUpdateTime"]!.GetValue<string>(), out _), "lastUpdateTime is not a date");
    }

    [Fact]
    public async Task Project_by_id_returns_name()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.Client.GetAsync($"_apis/projects/{emulator.Host.ProjectId}?{TestEmulator.Version}");

        Assert.Equal(200, (int)response.StatusCode);
        var project = await TestEmulator.ReadObjectAsync(response);
        Assert.Equal("Demo", project["name"]!.GetValue<string>());
        Assert.Equal(emulator.Host.ProjectId.ToString(), project["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("NoSuchProject")]
    [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    public async Task Unknown_project_returns_404_tf200016(string project)
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.Client.GetAsync($"_apis/projects/{project}?{TestEmulator.Version}");

        var body = await AdoAssert.ErrorAsync(response, 404, "ProjectDoesNotExistWithNameException");
        Assert.StartsWith($"TF200016: The following project does not exist: {project}.", body["message"]!.ToString());
    }

    [Fact]
    public async Task Project_read_needs_credentials()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = emulator.Client.BaseAddress };

        using var response = await anonymous.GetAsync($"_apis/projects/Demo?{TestEmulator.Version}");

        await AdoAssert.ErrorAsync(response, 401, "VssUnauthorizedException");
    }
}
