namespace AdoEmulator.Infrastructure;

/// <summary>
/// Validates the api-version of every REST call under <c>/_apis/</c>. GET may omit it (the latest version is used);
/// other methods must send one, as Azure DevOps requires. OPTIONS (resource discovery) needs none.
/// </summary>
internal sealed class ApiVersionCheck(RequestDelegate next)
{
    public static readonly object ItemKey = new();

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.Value!.Contains("/_apis/", StringComparison.OrdinalIgnoreCase) || HttpMethods.IsOptions(request.Method))
        {
            await next(context);
            return;
        }

        var text = ApiVersion.Find(request);
        if (text is null)
        {
            if (!HttpMethods.IsGet(request.Method))
            {
                await AdoErrors.VersionMissing(request.Method).WriteAsync(context);
                return;
            }

            context.Items[ItemKey] = new ApiVersion(ApiVersion.Released, false);
            await next(context);
            return;
        }

        var error = ApiVersion.Validate(text, out var version);
        if (error is not null)
        {
            await error.WriteAsync(context);
            return;
        }

        context.Items[ItemKey] = version;
        await next(context);
    }
}

internal static class ApiVersionExtensions
{
    public static ApiVersion GetApiVersion(this HttpContext context) =>
        context.Items[ApiVersionCheck.ItemKey] as ApiVersion ?? new ApiVersion(ApiVersion.Released, false);
}
