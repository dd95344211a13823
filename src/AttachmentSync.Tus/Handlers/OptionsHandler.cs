using System.Globalization;
using AttachmentSync.Tus.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace AttachmentSync.Tus.Handlers;

/// <summary>
/// Handles OPTIONS by returning the server's tus configuration.
/// </summary>
/// <remarks>
/// tus 1.0.0 core (OPTIONS): 204 No Content with Tus-Version and, when set, Tus-Extension and Tus-Max-Size.
/// The checksum extension adds Tus-Checksum-Algorithm. Tus-Resumable is not required on this request.
/// </remarks>
internal sealed class OptionsHandler(TusCapabilities capabilities, IOptions<TusOptions> options)
{
    public IResult Handle(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers[TusHeaders.TusVersion] = TusHeaders.Version;
        headers[TusHeaders.TusMaxSize] = options.Value.MaxSize.ToString(CultureInfo.InvariantCulture);

        if (capabilities.Extensions.Length > 0)
        {
            headers[TusHeaders.TusExtension] = capabilities.Extensions;
        }

        if (capabilities.Checksum is not null)
        {
            headers[TusHeaders.TusChecksumAlgorithm] = string.Join(',', capabilities.Checksum.ChecksumAlgorithms);
        }

        return Results.NoContent();
    }
}
