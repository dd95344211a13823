using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AdoEmulator.Tests.Support;

/// <summary>
/// Compares the shape of an emulator response with a recorded Azure DevOps sample and lists every difference by
/// JSON path. Rules: each property of a sample object must exist in the actual object with the same name and
/// casing (except in <c>fields</c> and input dictionaries, where only shared keys are compared); JSON kinds must
/// match; strings must be of the same kind (ISO-8601 date with the same zone suffix, GUID, URL, text); URLs must
/// have the same form from <c>/_apis/</c> on (ids ignored) and the same query parameter names when both are API URLs; each element of a
/// sample array must match some element of the actual array. A null in the sample matches anything.
/// </summary>
internal static partial class JsonShape
{
    private static readonly HashSet<string> Dictionaries = new(StringComparer.Ordinal)
    {
        "fields", "publisherInputs", "consumerInputs",
    };

    private static readonly HashSet<string> ResourceWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "wit", "workitems", "updates", "revisions", "comments", "attachments", "fields", "workitemtypes", "recyclebin",
        "hooks", "subscriptions", "identities", "graphprofile", "memberavatars", "wiql", "workitemsbatch", "history",
        "notifications",
    };

    public static List<string> Compare(JsonNode? sample, JsonNode? actual, IReadOnlySet<string>? ignoredPaths = null)
    {
        var differences = new List<string>();
        Walk(sample, actual, "$", inDictionary: false, differences, ignoredPaths ?? new HashSet<string>());
        return differences;
    }

    private static void Walk(JsonNode? sample, JsonNode? actual, string path, bool inDictionary, List<string> differences, IReadOnlySet<string> ignored)
    {
        if (ignored.Contains(path) || sample is null)
        {
            return;
        }

        if (actual is null)
        {
            differences.Add($"{path}: expected {Kind(sample)}, got null or missing");
            return;
        }

        if (inDictionary && IsIdentityPair(sample, actual))
        {
            return;
        }

        if (Kind(sample) != Kind(actual))
        {
            differences.Add($"{path}: expected {Kind(sample)} ({Short(sample)}), got {Kind(actual)} ({Short(actual)})");
            return;
        }

        switch (sample)
        {
            case JsonObject sampleObject:
                var actualObject = actual.AsObject();
                var name = path[(path.LastIndexOf('.') + 1)..];
                var isDictionary = Dictionaries.Contains(name);
                foreach (var (key, value) in sampleObject)
                {
                    var childPath = $"{path}.{key}";
                    if (!actualObject.TryGetPropertyValue(key, out var actualValue))
                    {
                        if (!isDictionary && !ignored.Contains(childPath))
                        {
                            var caseOnly = actualObject.Select(p => p.Key).FirstOrDefault(k => k.Equals(key, StringComparison.OrdinalIgnoreCase));
                            differences.Add(caseOnly is null ? $"{childPath}: missing" : $"{childPath}: missing (found '{caseOnly}' with other casing)");
                        }

                        continue;
                    }

                    Walk(value, actualValue, childPath, isDictionary, differences, ignored);
                }

                break;
            case JsonArray sampleArray:
                var actualArray = actual.AsArray();
                for (var i = 0; i < sampleArray.Count; i++)
                {
                    if (actualArray.Count == 0)
                    {
                        differences.Add($"{path}[{i}]: actual array is empty");
                        break;
                    }

                    var best = actualArray.Select(a => Compare(sampleArray[i], a, ignored.Select(p => p.Replace(path + "[*]", "$", StringComparison.Ordinal)).ToHashSet()))
                        .OrderBy(d => d.Count).First();
                    differences.AddRange(best.Select(d => $"{path}[{i}]" + d[1..]));
                }

                break;
            case JsonValue when Kind(sample) == "string":
                var expected = StringKind(sample.GetValue<string>());
                var got = StringKind(actual.GetValue<string>());
                if (expected != got && !(expected == "url" && got.StartsWith("url", StringComparison.Ordinal))
                    && !(got == "url" && expected.StartsWith("url", StringComparison.Ordinal)))
                {
                    differences.Add($"{path}: expected string of form '{expected}' ({Short(sample)}), got '{got}' ({Short(actual)})");
                }

                break;
        }
    }

    private static bool IsIdentityPair(JsonNode sample, JsonNode actual) =>
        (Kind(sample), Kind(actual)) switch
        {
            ("string", "object") => actual["displayName"] is not null,
            ("object", "string") => sample["displayName"] is not null,
            _ => false,
        };

    private static string Kind(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    /// <summary>Classifies a string: date (with its zone suffix), guid, url (its form from /_apis/ on) or text.</summary>
    internal static string StringKind(string value)
    {
        var date = IsoDate().Match(value);
        if (date.Success)
        {
            var zone = date.Groups[1].Value;
            if (zone == "Z")
            {
                return "date UTC";
            }

            return zone.Length > 0 ? "date with offset" : "date without zone";
        }

        if (Guid.TryParseExact(value, "D", out _))
        {
            return "guid";
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
        {
            return "text";
        }

        var apis = uri.AbsolutePath.IndexOf("/_apis/", StringComparison.OrdinalIgnoreCase);
        if (apis < 0)
        {
            return "url";
        }

        var segments = uri.AbsolutePath[(apis + 7)..].Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => ResourceWords.Contains(s) ? s.ToLowerInvariant() : "{value}");
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query).AllKeys.Where(k => k is not null).Order(StringComparer.OrdinalIgnoreCase);
        var queryText = string.Join("&", query.Select(k => k!.ToLowerInvariant() + "="));
        return "url _apis/" + string.Join("/", segments) + (queryText.Length > 0 ? "?" + queryText : "");
    }

    private static string Short(JsonNode node)
    {
        var text = node.ToJsonString();
        return text.Length <= 60 ? text : text[..57] + "...";
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,7})?(Z|[+-]\d\d:\d\d)?$")]
    private static partial Regex IsoDate();
}
