using System.Net.Http.Headers;
using System.Text;
using static AttachmentSync.Security.Tests.Hostile.HostileRequests;

namespace AttachmentSync.Security.Tests.Hostile.Cases;

/// <summary>Every tool-side route with missing or wrong credentials: each must get 401 and change nothing.</summary>
public static class CredentialCases
{
    private static readonly (string Name, Func<HostileHost, HttpRequestMessage> Build)[] Routes =
    [
        ("status", host => Send(HttpMethod.Get, $"/api/sync/status/{host.SeededWorkItemId}")),
        ("list", host => Send(HttpMethod.Get, $"/api/sync/attachments/{host.SeededWorkItemId}")),
        ("content", host => Send(HttpMethod.Get, $"/api/sync/attachments/{host.SeededIds[0]}/content")),
        ("delete seeded", host => Send(HttpMethod.Delete, $"/api/sync/attachments/{host.SeededIds[1]}")),
        ("force-sync", host => Send(HttpMethod.Post, $"/api/sync/force-sync/{host.SeededWorkItemId}")),
        ("link", host => Send(HttpMethod.Post, "/api/sync/link-attachment",
            Json($$"""{"workItemId":{{host.TargetWorkItemId}},"attachmentId":"{{host.SeededIds[0]}}"}"""))),
        ("download", host => Send(HttpMethod.Post, $"/api/sync/download/{Guid.NewGuid()}?workItemId={host.SeededWorkItemId}")),
        ("deduplication", _ => Send(HttpMethod.Get, $"/api/sync/deduplication/{new string('a', 64)}")),
        ("upload", host => Send(HttpMethod.Post, $"/api/sync/upload?workItemId={host.SeededWorkItemId}&fileName=x-{HostileHost.Marker}.txt",
            Text("unauthorized bytes", "application/octet-stream"))),
        ("upload session", _ => Send(HttpMethod.Get, "/api/sync/upload-session/abc")),
        ("tus create", _ => TusCreate()),
        ("tus patch", _ => Send(HttpMethod.Patch, $"/api/sync/uploads/{Guid.NewGuid():N}", Bytes([1, 2, 3], "application/offset+octet-stream"))),
        ("tus delete", _ => Send(HttpMethod.Delete, $"/api/sync/uploads/{Guid.NewGuid():N}")),
        ("openapi", _ => Send(HttpMethod.Get, "/openapi/v1.json")),
    ];

    private static readonly (string Name, Func<HostileHost, string?> Header)[] Credentials =
    [
        ("none", _ => null),
        ("wrong bearer", _ => "Bearer key-0000000000000000000000000000000000000000"),
        ("webhook secret as bearer", host => "Bearer " + host.Sync.WebhookSecret),
        ("PAT as bearer", host => "Bearer " + host.Sync.Emulator.Pat),
        ("key as basic password", host => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + host.ApiKey))),
        ("key with extra character", host => "Bearer " + host.ApiKey + "0"),
        ("key prefix", host => "Bearer " + host.ApiKey[..^1]),
        ("bearer without key", _ => "Bearer"),
        ("other scheme", host => "ApiKey " + host.ApiKey),
        ("two keys in one header", host => $"Bearer {host.ApiKey},{host.ApiKey}"),
    ];

    public static IEnumerable<HostileCase> All() =>
        from route in Routes
        from credential in Credentials
        select HostileCase.Of($"credentials {credential.Name} on {route.Name}", Expect.ClientError, host =>
        {
            var request = route.Build(host);
            request.Headers.Add("Tus-Resumable", "1.0.0");
            if (credential.Header(host) is { } header)
            {
                request.Headers.TryAddWithoutValidation("Authorization", header);
            }

            return request;
        }, 401);

    private static HttpRequestMessage TusCreate()
    {
        var request = Send(HttpMethod.Post, "/api/sync/uploads");
        request.Headers.Add("Upload-Length", "10");
        request.Headers.Add("Upload-Metadata", "filename eC50eHQ=,workItemId MQ==");
        return request;
    }

    internal static void Add(HttpRequestMessage request, string name, string value) =>
        request.Headers.TryAddWithoutValidation(name, value);

    internal static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
}
