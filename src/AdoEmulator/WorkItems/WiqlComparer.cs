using System.Globalization;
using System.Text.Json.Nodes;

namespace AdoEmulator.WorkItems;

/// <summary>
/// Compares a work-item field with a WIQL literal: as dates when both are dates, as numbers when both are numbers,
/// otherwise as case-insensitive text. Dates compare at full precision.
/// </summary>
internal static class WiqlComparer
{
    private static readonly Dictionary<string, string> ShortNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Id"] = "System.Id",
        ["Priority"] = "Microsoft.VSTS.Common.Priority",
        ["Severity"] = "Microsoft.VSTS.Common.Severity",
    };

    /// <summary>Expands a short field name ("State") to its reference name ("System.State").</summary>
    public static string ReferenceName(string name) =>
        name.Contains('.', StringComparison.Ordinal) ? name
        : ShortNames.TryGetValue(name, out var full) ? full
        : "System." + name.Replace(" ", "", StringComparison.Ordinal);

    public static int Compare(WorkItemSnapshot item, string field, string literal)
    {
        var value = item.Fields.TryGetValue(field, out var node) ? Text(node) : "";
        if (LooksLikeDate(value) && TryDate(literal, out var right) && TryDate(value, out var left))
        {
            return left.CompareTo(right);
        }

        if (decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var leftNumber)
            && decimal.TryParse(literal, NumberStyles.Number, CultureInfo.InvariantCulture, out var rightNumber))
        {
            return leftNumber.CompareTo(rightNumber);
        }

        return string.Compare(value, literal, StringComparison.OrdinalIgnoreCase);
    }

    public static int CompareFields(WorkItemSnapshot a, WorkItemSnapshot b, string field)
    {
        var right = b.Fields.TryGetValue(field, out var node) ? Text(node) : "";
        return Compare(a, field, right);
    }

    private static string Text(JsonNode? node) => node is JsonValue value ? value.ToString() : node?.ToJsonString() ?? "";

    private static bool LooksLikeDate(string value) => value.Length >= 10 && value[4] == '-' && value[7] == '-';

    private static bool TryDate(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
}
