using System.Globalization;
using System.Text.RegularExpressions;

namespace AdoEmulator.Infrastructure;

/// <summary>
/// A requested REST API version, <c>{major}.{minor}[-preview[.{resourceVersion}]]</c>, read from the
/// <c>api-version</c> query parameter or the <c>Accept</c> header parameter of the same name.
/// </summary>
internal sealed partial record ApiVersion(decimal Number, bool IsPreview)
{
    /// <summary>Highest released version. Versions above it exist only as previews.</summary>
    public const decimal Released = 7.1m;

    public const decimal Max = 7.2m;

    public const decimal Min = 1.0m;

    public bool AtLeast(decimal version) => Number >= version;

    /// <summary>Finds the version of a request, or returns null when the request names none.</summary>
    public static string? Find(HttpRequest request)
    {
        var query = request.Query["api-version"].ToString();
        if (!string.IsNullOrEmpty(query))
        {
            return query;
        }

        foreach (var accept in request.Headers.Accept)
        {
            var match = AcceptParameter().Match(accept ?? "");
            if (match.Success)
            {
                return match.Groups[1].Value.Trim();
            }
        }

        return null;
    }

    /// <summary>Parses and range-checks a version; returns the error to send when it is not acceptable.</summary>
    public static AdoError? Validate(string text, out ApiVersion? version)
    {
        version = null;
        var match = Format().Match(text);
        if (!match.Success)
        {
            return AdoErrors.InvalidApiVersion(text);
        }

        var number = decimal.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var preview = match.Groups[2].Success;
        if (number < Min || number > Max)
        {
            return AdoErrors.ApiVersionOutOfRange(text);
        }

        if (number > Released && !preview)
        {
            return AdoErrors.PreviewRequired(text);
        }

        version = new ApiVersion(number, preview);
        return null;
    }

    [GeneratedRegex(@"^(\d+\.\d+)(-preview(\.\d+)?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Format();

    [GeneratedRegex(@"api-version=([^;,]+)", RegexOptions.IgnoreCase)]
    private static partial Regex AcceptParameter();
}
