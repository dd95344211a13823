namespace AdoEmulator.Infrastructure;

/// <summary>
/// The error bodies the emulator returns. Type keys, status codes and TF/VS prefixes follow Azure DevOps Services and
/// the Azure DevOps Server 2022 exception map.
/// </summary>
internal static class AdoErrors
{
    private const string Wit = "Microsoft.TeamFoundation.WorkItemTracking.Server";
    private const string WitApi = "Microsoft.TeamFoundation.WorkItemTracking.WebApi";
    private const string Vss = "Microsoft.VisualStudio.Services.WebApi";
    private const string Common = "Microsoft.VisualStudio.Services.Common";

    public static AdoError Unauthorized() => new(
        401, "VssUnauthorizedException", $"{Common}.VssUnauthorizedException, {Common}",
        "TF400813: The user is not authorized to access this resource.");

    public static AdoError WorkItemNotFound(int id) => new(
        404, "WorkItemUnauthorizedAccessException", $"{Wit}.WorkItemUnauthorizedAccessException, {Wit}",
        $"TF401232: Work item {id} does not exist, or you do not have permissions to read it.", 3200);

    public static AdoError ProjectNotFound(string project) => new(
        404, "ProjectDoesNotExistWithNameException",
        "Microsoft.TeamFoundation.Core.WebApi.ProjectDoesNotExistWithNameException, Microsoft.TeamFoundation.Core.WebApi",
        $"TF200016: The following project does not exist: {project}. Verify that the name of the project is correct " +
        "and that the project exists on the specified Azure DevOps Server.");

    public static AdoError AttachmentNotFound(string id) => new(
        404, "AttachmentNotFoundException", $"{Wit}.AttachmentNotFoundException, {Wit}",
        $"TF401174: The attachment {id} could not be found.", 3200);

    public static AdoError AttachmentTooLarge(long size, long max) => new(
        400, "WorkItemAttachmentExceedsMaxSizeException", $"{Wit}.WorkItemAttachmentExceedsMaxSizeException, {Wit}",
        // NOTE: the message prefix and wording are not confirmed by a primary source, unlike the type key and status.
        string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"VS402898: The size of the uploaded file ({size} bytes) exceeds the maximum allowed size of {max / 1048576.0:F3} MB ({max} bytes)."));

    public static AdoError AttachmentOffset(string detail) => new(
        400, "WorkItemAttachmentIncorrectOffsetException", $"{Wit}.WorkItemAttachmentIncorrectOffsetException, {Wit}",
        detail);

    public static AdoError BadRequest(string message, string typeKey = "ArgumentException") => new(
        400, typeKey, $"System.{typeKey}, mscorlib", message);

    public static AdoError PropertyValidation(string message) => new(
        400, "VssPropertyValidationException", $"{Common}.VssPropertyValidationException, {Common}", message);

    public static AdoError UnsupportedContentType(string received, string expected) => new(
        415, "VssRequestContentTypeNotSupportedException",
        $"{Vss}.VssRequestContentTypeNotSupportedException, {Vss}",
        $"The request indicated a Content-Type of \"{received}\" which is not supported. Valid content types for this " +
        $"method are: {expected}.");

    public static AdoError PatchFailed(string message) => new(
        400, "PatchOperationFailedException", $"{Vss}.Patch.PatchOperationFailedException, {Vss}", message);

    public static AdoError TestFailed(string path, string? current, string? expected) => new(
        412, "TestPatchOperationFailedException", $"{Vss}.Patch.TestPatchOperationFailedException, {Vss}",
        $"VS403351: Test Operation for path {path} failed, value {current} was not equal to test value {expected}.");

    public static AdoError RevisionMismatch(int id) => new(
        409, "WorkItemRevisionMismatchException", $"{Wit}.WorkItemRevisionMismatchException, {Wit}",
        $"TF26071: This work item has been changed by someone else since you opened it. You will need to refresh it " +
        $"and discard your changes. Work item {id}.");

    public static AdoError TooManyAttachments(int id, int max) => new(
        400, "RuleValidationException", $"{WitApi}.RuleValidationException, {WitApi}",
        $"VS403313: Work item {id} cannot have more than {max} attachments.");

    public static AdoError InvalidApiVersion(string value) => new(
        400, "VssInvalidApiVersionException", $"{Vss}.VssInvalidApiVersionException, {Vss}",
        $"VS800046: The api-version '{value}' is not valid. Expected a version such as 7.1 or 7.1-preview.3.");

    public static AdoError ApiVersionOutOfRange(string value) => new(
        400, "VssVersionOutOfRangeException", $"{Vss}.VssVersionOutOfRangeException, {Vss}",
        $"VS800009: The requested REST API version of {value} is out of range for this server. " +
        "The latest REST API version this server supports is 7.2.");

    public static AdoError PreviewRequired(string value) => new(
        400, "VssInvalidPreviewVersionException", $"{Vss}.VssInvalidPreviewVersionException, {Vss}",
        $"VS800045: The requested version \"{value}\" of the resource is under preview. The -preview flag must be " +
        "supplied in the api-version for such requests. For example: \"7.2-preview\"");

    public static AdoError VersionMissing(string method) => new(
        400, "VssVersionNotSpecifiedException", $"{Vss}.VssVersionNotSpecifiedException, {Vss}",
        $"No api-version was supplied for the {method} request. Please specify an api-version.");

    public static AdoError SubscriptionNotFound(string id) => new(
        404, "SubscriptionNotFoundException",
        "Microsoft.VisualStudio.Services.ServiceHooks.WebApi.SubscriptionNotFoundException, " +
        "Microsoft.VisualStudio.Services.ServiceHooks.WebApi",
        $"The subscription with id '{id}' could not be found.");

    public static AdoError ServerError(int status) => new(
        status, "VssServiceException", $"{Common}.VssServiceException, {Common}",
        $"The server returned status {status} (fault injected by the emulator).");

    public static AdoError RateLimited(string resource) => new(
        429, "RequestBlockedException", $"{Common}.RequestBlockedException, {Common}",
        "TF400733: The request has been canceled: Request was blocked due to exceeding usage of resource " +
        $"'{resource}' in namespace 'User'.");
}
