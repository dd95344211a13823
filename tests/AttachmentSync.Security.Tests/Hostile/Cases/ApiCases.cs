using static AttachmentSync.Security.Tests.Hostile.Cases.UploadCases;
using static AttachmentSync.Security.Tests.Hostile.HostileRequests;

namespace AttachmentSync.Security.Tests.Hostile.Cases;

/// <summary>The JSON and route-parameter endpoints with bad bodies and values, and requests over the header limits.</summary>
public static class ApiCases
{
    public static IEnumerable<HostileCase> All() => Link().Concat(Routes()).Concat(Headers());

    private static IEnumerable<HostileCase> Link()
    {
        yield return LinkCase("malformed", _ => "{\"workItemId\":", 400);
        yield return LinkCase("empty", _ => "", 400);
        yield return LinkCase("array", _ => "[]", 400);
        yield return LinkCase("nesting 100 deep", _ => "{\"x\":" + new string('[', 100) + new string(']', 100) + "}", 400);
        yield return LinkCase("workItemId text", host => $$"""{"workItemId":"a","attachmentId":"{{host.SeededIds[0]}}"}""", 400);
        yield return LinkCase("workItemId negative", host => $$"""{"workItemId":-3,"attachmentId":"{{host.SeededIds[0]}}"}""", 400);
        yield return LinkCase("attachmentId not a GUID", host => $$"""{"workItemId":{{host.TargetWorkItemId}},"attachmentId":"../../x"}""", 400);
        yield return LinkCase("unknown attachment", host => $$"""{"workItemId":{{host.TargetWorkItemId}},"attachmentId":"{{Guid.NewGuid()}}"}""", 400);
        yield return LinkCase("missing fields", _ => "{}", 400);
        yield return Oversized("link body over 1 MiB", host => Authorize(host, Send(HttpMethod.Post, "/api/sync/link-attachment",
            Json($$"""{"workItemId":{{host.TargetWorkItemId}},"fileName":"{{new string('x', 1100 * 1024)}}"}"""))));
        yield return HostileCase.Of("link text/plain", Expect.ClientError, host => Authorize(host,
            Send(HttpMethod.Post, "/api/sync/link-attachment", Text("{}", "text/plain"))), 415);
        yield return HostileCase.Of("link chunked over 1 MiB", Expect.ClientError, host =>
        {
            var content = Chunked(1100 * 1024, "{\"fileName\":\"");
            content.Headers.ContentType = new("application/json");
            return Authorize(host, Send(HttpMethod.Post, "/api/sync/link-attachment", content));
        }, 413);
    }

    private static IEnumerable<HostileCase> Routes()
    {
        yield return RouteCase("download without workItemId", HttpMethod.Post, _ => $"/api/sync/download/{Guid.NewGuid()}", 400);
        yield return RouteCase("download workItemId text", HttpMethod.Post, _ => $"/api/sync/download/{Guid.NewGuid()}?workItemId=abc", 400);
        yield return RouteCase("download unknown GUID", HttpMethod.Post,
            host => $"/api/sync/download/{Guid.NewGuid()}?workItemId={host.TargetWorkItemId}", 404);
        yield return RouteCase("delete unknown id", HttpMethod.Delete, _ => $"/api/sync/attachments/{Guid.NewGuid()}", 404);
        yield return RouteCase("content unknown id", HttpMethod.Get, _ => $"/api/sync/attachments/{Guid.NewGuid()}/content", 404);
        yield return RouteCase("deduplication short", HttpMethod.Get, _ => "/api/sync/deduplication/zz", 400);
        yield return RouteCase("deduplication not hex", HttpMethod.Get, _ => $"/api/sync/deduplication/{new string('g', 64)}", 400);
        yield return RouteCase("deduplication traversal", HttpMethod.Get, _ => "/api/sync/deduplication/..%2F..%2Fetc%2Fpasswd", 400);
        yield return RouteCase("upload session 200 characters", HttpMethod.Get, _ => $"/api/sync/upload-session/{new string('s', 200)}", 400);
        yield return RouteCase("upload session traversal", HttpMethod.Get, _ => "/api/sync/upload-session/..%2F..%2Fetc%2Fpasswd", 404);
        yield return RouteCase("status id overflow", HttpMethod.Get, _ => "/api/sync/status/99999999999999", 404);
        yield return RouteCase("unknown route", HttpMethod.Get, _ => "/api/sync/nothing-here", 404);
        yield return RouteCase("wrong method", HttpMethod.Put, _ => "/api/sync/upload", 405);
        yield return RouteCase("force-sync unknown work item", HttpMethod.Post, _ => "/api/sync/force-sync/987655", null);
    }

    private static IEnumerable<HostileCase> Headers()
    {
        yield return HeaderCase("header of 40 KiB", Expect.ClientError, request =>
            request.Headers.TryAddWithoutValidation("X-Padding", new string('h', 40 * 1024)), 431);
        yield return HeaderCase("headers of 40 KiB in pieces", Expect.ClientError, request =>
        {
            for (var i = 0; i < 40; i++)
            {
                request.Headers.TryAddWithoutValidation($"X-Padding-{i}", new string('h', 1024));
            }
        }, 431);
        yield return HeaderCase("header of 100 KiB", Expect.NoBody, request =>
            request.Headers.TryAddWithoutValidation("X-Padding", new string('h', 100 * 1024)), 431);
        yield return HeaderCase("150 headers", Expect.NoBody, request =>
        {
            for (var i = 0; i < 150; i++)
            {
                request.Headers.TryAddWithoutValidation($"X-Many-{i}", "v");
            }
        }, 431);
        yield return HeaderCase("authorization of 40 KiB", Expect.ClientError, request =>
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + new string('k', 40 * 1024)), 431);
    }

    private static HostileCase LinkCase(string name, Func<HostileHost, string> body, int status) =>
        HostileCase.Of("link " + name, Expect.ClientError,
            host => Authorize(host, Send(HttpMethod.Post, "/api/sync/link-attachment", Json(body(host)))), status);

    private static HostileCase RouteCase(string name, HttpMethod method, Func<HostileHost, string> path, int? status) =>
        HostileCase.Of("route " + name, status is null ? Expect.Handled : Expect.ClientError,
            host => Authorize(host, Send(method, path(host))), status);

    private static HostileCase HeaderCase(string name, Expect expect, Action<HttpRequestMessage> add, int status) =>
        HostileCase.Of("headers " + name, expect, host =>
        {
            var request = Send(HttpMethod.Get, $"/api/sync/status/{host.SeededWorkItemId}");
            add(request);
            return request.Headers.Contains("Authorization") ? request : Authorize(host, request);
        }, status);
}
