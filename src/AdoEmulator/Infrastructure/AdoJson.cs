using System.Globalization;
using System.Text.Json.Nodes;

namespace AdoEmulator.Infrastructure;

/// <summary>Date formats and small builders shared by the Azure DevOps JSON shapes.</summary>
internal static class AdoJson
{
    /// <summary>Date of a link or field that is still current, as Azure DevOps writes it.</summary>
    public const string EndOfTime = "9999-01-01T00:00:00Z";

    /// <summary>Formats a UTC time with up to three fraction digits, trailing zeros dropped ("2014-12-29T20:49:26.99Z").</summary>
    public static string Date(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>Formats a UTC time with seven fraction digits, as service-hook envelopes carry <c>createdDate</c>.</summary>
    public static string PreciseDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static JsonObject Link(string href) => new() { ["href"] = href };
}
