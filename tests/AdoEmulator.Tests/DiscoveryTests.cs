using AdoEmulator.Tests.Support;

namespace AdoEmulator.Tests;

public sealed class DiscoveryTests
{
    [Fact]
    public async Task Resource_areas_are_empty_as_on_premises()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var response = await emulator.Client.GetAsync("_apis/ResourceAreas?api-version=7.2-preview.1");
        var body = await TestEmulator.ReadObjectAsync(response);
        Assert.Equal(0, body["count"]!.GetValue<int>());
        Assert.Empty(body["value"]!.AsArray());
    }

    [Theory]
    [InlineData("wit", "e07b5fa4-1499-494d-a496-64b860fd64ff")]
    [InlineData("wit", "72c7ddf8-2cdc-4f60-90cd-ab71c14a399b")]
    [InlineData("wit", "62d3d110-0047-428c-ad3c-4fe872c91c74")]
    [InlineData("wit", "908509b6-4248-4475-a1cd-829139ba419f")]
    [InlineData("wit", "1a9c53f7-f243-4447-b110-35ef023636e4")]
    [InlineData("wit", "6570bf97-d02c-4a91-8d93-3abe9895b1a9")]
    [InlineData("Location", "e81700f7-3be2-46de-8624-2eb35882fcaa")]
    public async Task Options_lists_resource_location(string area, string locationId)
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Options, "_apis/" + area);
        using var response = await emulator.Client.SendAsync(request);
        var locations = (await TestEmulator.ReadObjectAsync(response))["value"]!.AsArray();
        var location = locations.SingleOrDefault(l => l!["id"]!.ToString() == locationId);
        Assert.NotNull(location);
        foreach (var property in new[] { "area", "resourceName", "routeTemplate", "resourceVersion", "minVersion", "maxVersion", "releasedVersion" })
        {
            Assert.NotNull(location![property]);
        }
    }

    [Fact]
    public async Task Options_requires_credentials()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Client.DefaultRequestHeaders.Authorization = null;
        using var request = new HttpRequestMessage(HttpMethod.Options, "_apis/wit");
        using var response = await emulator.Client.SendAsync(request);
        Assert.Equal(401, (int)response.StatusCode);
    }

    [Fact]
    public async Task Unknown_route_is_counted_as_unmatched()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var response = await emulator.Client.GetAsync("_apis/build/builds?api-version=7.1");
        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal(1, emulator.Host.Counters.Count("GET", "unmatched"));
    }
}
