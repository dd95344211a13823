using AdoEmulator.Tests.Support;

namespace AdoEmulator.Tests;

public sealed class AuthAndVersionTests
{
    [Fact]
    public async Task Missing_credentials_return_401()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Client.DefaultRequestHeaders.Authorization = null;
        using var response = await emulator.Client.GetAsync("_apis/wit/workitems/1?" + TestEmulator.Version);
        await AdoAssert.ErrorAsync(response, 401, "VssUnauthorizedException");
        Assert.Contains("Basic", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Wrong_pat_returns_401_without_echoing_it()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Client.DefaultRequestHeaders.Authorization = TestEmulator.Basic("wrong-secret", "someone");
        using var response = await emulator.Client.GetAsync("_apis/wit/workitems/1?" + TestEmulator.Version);
        var body = await AdoAssert.ErrorAsync(response, 401, "VssUnauthorizedException");
        Assert.DoesNotContain("wrong-secret", body.ToJsonString());
        Assert.DoesNotContain("test-pat", body.ToJsonString());
    }

    [Fact]
    public async Task Any_user_name_is_accepted()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Client.DefaultRequestHeaders.Authorization = TestEmulator.Basic("test-pat", "any.user@example.com");
        var item = await emulator.CreateTaskAsync();
        Assert.Equal(1, item["id"]!.GetValue<int>());
    }

    [Fact]
    public async Task Generated_pat_is_random_and_required()
    {
        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions());
        Assert.True(host.Pat.Length >= 32, $"generated PAT '{host.Pat.Length}' characters is too short");
        using var client = new HttpClient();
        using var response = await client.GetAsync(host.OrganizationUrl + "/_apis/ResourceAreas");
        Assert.Equal(401, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("8.0", "VssVersionOutOfRangeException")]
    [InlineData("0.5", "VssVersionOutOfRangeException")]
    [InlineData("banana", "VssInvalidApiVersionException")]
    [InlineData("7.2", "VssInvalidPreviewVersionException")]
    public async Task Unknown_api_version_returns_400(string version, string typeKey)
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var response = await emulator.Client.GetAsync("_apis/wit/workitems/1?api-version=" + version);
        await AdoAssert.ErrorAsync(response, 400, typeKey);
    }

    [Theory]
    [InlineData("7.2-preview.3")]
    [InlineData("7.1-preview.3")]
    [InlineData("5.0")]
    [InlineData("1.0")]
    public async Task Known_api_versions_are_accepted(string version)
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateTaskAsync();
        using var response = await emulator.Client.GetAsync("_apis/wit/workitems/1?api-version=" + version);
        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task Api_version_in_accept_header_is_read()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "_apis/wit/workitems/1");
        request.Headers.TryAddWithoutValidation("Accept", "application/json;api-version=9.0");
        using var response = await emulator.Client.SendAsync(request);
        await AdoAssert.ErrorAsync(response, 400, "VssVersionOutOfRangeException");
    }

    [Fact]
    public async Task Post_without_api_version_returns_400()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var response = await emulator.PostPatchAsync(
            "Demo/_apis/wit/workitems/$Task", """[{"op":"add","path":"/fields/System.Title","value":"x"}]""");
        await AdoAssert.ErrorAsync(response, 400, "VssVersionNotSpecifiedException");
    }

    [Fact]
    public async Task Unknown_project_returns_404_tf200016()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var response = await emulator.PostPatchAsync(
            "NoSuchProject/_apis/wit/workitems/$Task?" + TestEmulator.Version,
            """[{"op":"add","path":"/fields/System.Title","value":"x"}]""");
        var body = await AdoAssert.ErrorAsync(response, 404, "ProjectDoesNotExistWithNameException");
        Assert.StartsWith("TF200016: The following project does not exist: NoSuchProject.", body["message"]!.ToString());
    }

    [Fact]
    public async Task Project_id_works_in_place_of_name()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateTaskAsync();
        using var response = await emulator.Client.GetAsync($"{emulator.Host.ProjectId}/_apis/wit/workitems/1?{TestEmulator.Version}");
        Assert.Equal(200, (int)response.StatusCode);
    }
}
