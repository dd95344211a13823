using System.Globalization;
using System.Text;
using AttachmentSync.Core.Sync;
using AttachmentSync.Server.Problems;
using AttachmentSync.Server.Uploads;

namespace AttachmentSync.Server.Tus;

/// <summary>
/// Checks the values of the service's metadata when a tus upload is created, so an upload that could never
/// be synced is rejected with 400 before any byte is sent: <c>workItemId</c> must be a positive integer and
/// <c>filename</c> a valid name, and Azure DevOps must not report the work item missing (404). The tus handler
/// itself checks the header's syntax and the required keys.
/// </summary>
public sealed class TusMetadataFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (HttpMethods.IsPost(request.Method) && request.Headers["Upload-Metadata"].ToString() is { Length: > 0 } header)
        {
            var values = Decode(header);
            var workItemId = values.GetValueOrDefault(TusMetadata.WorkItemIdKey);
            var id = 0;
            if (workItemId is not null
                && (!int.TryParse(workItemId, NumberStyles.None, CultureInfo.InvariantCulture, out id) || id <= 0))
            {
                return Problem.BadField("Upload-Metadata workItemId", workItemId, "a positive integer work item id");
            }

            if (values.TryGetValue(TusMetadata.FileNameKey, out var fileName) && FileNameRules.Check(fileName) is { } expected)
            {
                return Problem.BadField("Upload-Metadata filename", fileName, expected);
            }

            var ingestor = context.HttpContext.RequestServices.GetRequiredService<AttachmentIngestor>();
            if (workItemId is not null && !await ingestor.WorkItemMayExistAsync(id, context.HttpContext.RequestAborted))
            {
                return Problem.NotFound($"Work item {id} does not exist in Azure DevOps, or the PAT may not read it.");
            }
        }

        return await next(context);
    }

    /// <summary>Decodes the pairs it can; malformed ones are left to the tus handler, which rejects them.</summary>
    private static Dictionary<string, string> Decode(string header)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in header.Split(','))
        {
            var parts = pair.Trim().Split(' ', 2);
            if (parts.Length == 2 && TryDecodeBase64(parts[1], out var value))
            {
                values[parts[0]] = value;
            }
        }

        return values;
    }

    private static bool TryDecodeBase64(string text, out string value)
    {
        var buffer = new byte[text.Length];
        if (Convert.TryFromBase64String(text, buffer, out var length))
        {
            try
            {
                value = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, length);
                return true;
            }
            catch (DecoderFallbackException)
            {
            }
        }

        value = "";
        return false;
    }
}
