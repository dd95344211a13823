using System.Text.Json.Nodes;
using AdoEmulator.Tests.Support;

namespace AdoEmulator.Tests;

public sealed class JsonShapeTests
{
    [Fact]
    public void Missing_property_is_reported_with_path()
    {
        var differences = JsonShape.Compare(JsonNode.Parse("""{"a":{"b":1}}"""), JsonNode.Parse("""{"a":{}}"""));
        Assert.Equal(["$.a.b: missing"], differences);
    }

    [Fact]
    public void Other_casing_is_named()
    {
        var differences = JsonShape.Compare(JsonNode.Parse("""{"workItemId":1}"""), JsonNode.Parse("""{"WorkItemId":1}"""));
        Assert.Contains("other casing", Assert.Single(differences));
    }

    [Fact]
    public void Kind_mismatch_is_reported()
    {
        var differences = JsonShape.Compare(JsonNode.Parse("""{"rev":1}"""), JsonNode.Parse("""{"rev":"1"}"""));
        Assert.StartsWith("$.rev: expected number", Assert.Single(differences));
    }

    [Theory]
    [InlineData("2014-12-29T20:49:26.99Z", "date UTC")]
    [InlineData("0001-01-01T00:00:00", "date without zone")]
    [InlineData("fd672255-8b6b-4769-9260-beea83d752ce", "guid")]
    [InlineData("https://dev.azure.com/fabrikam/_apis/wit/workItems/5", "url _apis/wit/workitems/{value}")]
    [InlineData("http://127.0.0.1:5/emulator/x/_apis/wit/attachments/0f?fileName=a.txt", "url _apis/wit/attachments/{value}?filename=")]
    [InlineData("https://dev.azure.com/fabrikam/web/wi.aspx?id=5", "url")]
    [InlineData("To Do", "text")]
    public void Strings_are_classified(string value, string kind) => Assert.Equal(kind, JsonShape.StringKind(value));

    [Fact]
    public void Dictionary_compares_shared_keys_and_identities()
    {
        var sample = JsonNode.Parse("""{"fields":{"System.Title":"a","System.CreatedBy":"User <u@x>","Custom.Only":1}}""");
        var actual = JsonNode.Parse("""{"fields":{"System.Title":"b","System.CreatedBy":{"displayName":"User"}}}""");
        Assert.Empty(JsonShape.Compare(sample, actual));
    }

    [Fact]
    public void Array_element_must_match_some_actual_element()
    {
        var sample = JsonNode.Parse("""[{"rel":"x","attributes":{"name":"n"}}]""");
        var matching = JsonNode.Parse("""[{"rel":"y","attributes":{}},{"rel":"z","attributes":{"name":"m"}}]""");
        var failing = JsonNode.Parse("""[{"rel":"y","attributes":{}}]""");
        Assert.Empty(JsonShape.Compare(sample, matching));
        Assert.Equal(["$[0].attributes.name: missing"], JsonShape.Compare(sample, failing));
    }
}
