using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AdoEmulator.Infrastructure;

namespace AdoEmulator.WorkItems;

/// <summary>
/// Renders identity field values. Fields store the "Display Name &lt;unique name&gt;" form that hook payloads carry;
/// the REST API (api-version 5.0 and later) shows an IdentityRef object instead.
/// </summary>
internal static partial class IdentityJson
{
    public static JsonObject Ref(string value, AdoUrls urls, EmulatorIdentity identity, bool withName = false)
    {
        var match = NameAndUniqueName().Match(value);
        var displayName = match.Success ? match.Groups[1].Value.Trim() : value;
        var uniqueName = match.Success ? match.Groups[2].Value : value;
        var id = uniqueName.Equals(identity.UserUniqueName, StringComparison.OrdinalIgnoreCase)
            ? identity.UserId
            : DeterministicId(uniqueName);
        var descriptor = "aad." + System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.ASCII.GetBytes(id.ToString()));
        var avatar = $"{urls.Collection}/_apis/GraphProfile/MemberAvatars/{descriptor}";

        var json = new JsonObject();
        if (withName)
        {
            json["name"] = value;
        }

        json["displayName"] = displayName;
        foreach (var (key, node) in new JsonObject
        {
            ["url"] = $"{urls.Collection}/_apis/Identities/{id}",
            ["_links"] = new JsonObject { ["avatar"] = AdoJson.Link(avatar) },
            ["id"] = id.ToString(),
            ["uniqueName"] = uniqueName,
            ["imageUrl"] = avatar,
            ["descriptor"] = descriptor,
        })
        {
            json[key] = node?.DeepClone();
        }

        return json;
    }

    public static JsonNode? Render(string field, JsonNode? value, AdoUrls urls, EmulatorIdentity identity, bool asObject) =>
        asObject && value is JsonValue v && v.TryGetValue<string>(out var text) && WorkItemFields.Identity.Contains(field)
            ? Ref(text, urls, identity)
            : value?.DeepClone();

    private static Guid DeterministicId(string uniqueName)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(uniqueName));
        return new Guid(hash.AsSpan(0, 16));
    }

    [GeneratedRegex(@"^(.*)<([^<>]+)>\s*$")]
    private static partial Regex NameAndUniqueName();
}
