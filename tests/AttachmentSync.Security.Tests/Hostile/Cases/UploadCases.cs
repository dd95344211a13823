using System.Text;
using static AttachmentSync.Security.Tests.Hostile.HostileRequests;

namespace AttachmentSync.Security.Tests.Hostile.Cases;

/// <summary>The three upload forms with bad metadata, bad encodings, wrong types, oversized bodies and hostile names.</summary>
public static class UploadCases
{
    private const string Marker = HostileHost.Marker;

    /// <summary>Names that are valid however odd: each must be stored and synced exactly.</summary>
    public static readonly string[] HostileNames =
    [
        $"../../etc/passwd-{Marker}",
        $"..\\..\\windows\\win-{Marker}.ini",
        $"/absolute/path-{Marker}.txt",
        $"nul\0inside-{Marker}.txt",
        $"crlf\r\nSet-Cookie: injected=1-{Marker}.txt",
        $"quote\"semicolon;equals=-{Marker}.txt",
        $"tab\tbell\u0007escape\u001b-{Marker}.log",
        $"#&%+=?@-{Marker}.txt",
        $"emoji-😀-🧪-{Marker}.png",
        $"Pru\u0308fbericht-NFD-{Marker}.txt",
        $"{new string('a', 300)}-{Marker}.bin",
        $"CON-{Marker}",
        $".{Marker}",
        $"  spaces around-{Marker}  ",
        $"%2e%2e%2f-{Marker}.txt",
        $"right-to-left-\u202Efdp.exe-{Marker}",
        $"日本語のファイル-{Marker}.txt",
    ];

    public static IEnumerable<HostileCase> All() => Raw().Concat(Multipart()).Concat(JsonForm()).Concat(Names());

    private static IEnumerable<HostileCase> Raw()
    {
        yield return RawCase("no query", _ => "", 400);
        yield return RawCase("no fileName", host => $"workItemId={host.TargetWorkItemId}", 400);
        yield return RawCase("no workItemId", _ => "fileName=a.txt", 400);
        yield return RawCase("empty fileName", host => $"workItemId={host.TargetWorkItemId}&fileName=", 400);
        foreach (var id in new[] { "abc", "-1", "0", "1.5", "99999999999", "%201", "0x10", "1e3", "%EF%BC%91" })
        {
            yield return RawCase($"workItemId {id}", _ => $"workItemId={id}&fileName=a.txt", 400);
        }

        yield return RawCase("unknown work item", _ => "workItemId=987654&fileName=a.txt", 404);
        yield return RawCase("fileName encoded lone surrogate", host => $"workItemId={host.TargetWorkItemId}&fileName=%ED%A0%80x", 400);
        yield return RawCase("fileName invalid UTF-8", host => $"workItemId={host.TargetWorkItemId}&fileName=%FF%FEx", 400);
        yield return RawCase("fileName truncated UTF-8", host => $"workItemId={host.TargetWorkItemId}&fileName=x%E6%97", 400);
        yield return RawCase("fileName 5000 characters", host => $"workItemId={host.TargetWorkItemId}&fileName={new string('n', 5000)}", 400);
        yield return Oversized("upload raw over limit", host => Authorize(host,
            Send(HttpMethod.Post, $"/api/sync/upload?workItemId={host.TargetWorkItemId}&fileName=big.bin",
                Bytes(new byte[HostileHost.MaxUploadBytes + 1]))));
        yield return Oversized("upload raw chunked over limit", host => Authorize(host,
            Send(HttpMethod.Post, $"/api/sync/upload?workItemId={host.TargetWorkItemId}&fileName=big.bin",
                Chunked(HostileHost.MaxUploadBytes + 1))));
        yield return Oversized("upload declared length far over limit", host => Authorize(host,
            Send(HttpMethod.Post, $"/api/sync/upload?workItemId={host.TargetWorkItemId}&fileName=big.bin",
                Bytes(new byte[(3 * HostileHost.MaxUploadBytes) + 1]))));
    }

    private static IEnumerable<HostileCase> Multipart()
    {
        const string boundary = "hostile-boundary";
        const string type = $"multipart/form-data; boundary={boundary}";
        yield return MultipartCase("no boundary", "multipart/form-data", _ => "--x\r\n\r\n--x--", 400);
        yield return MultipartCase("boundary 300 characters", $"multipart/form-data; boundary={new string('b', 300)}", _ => "", 400);
        yield return MultipartCase("empty body", type, _ => "", 400);
        yield return MultipartCase("garbage body", type, _ => "this is not multipart at all", 400);
        yield return MultipartCase("missing file part", type, host =>
            Part(boundary, "form-data; name=\"workItemId\"", host.TargetWorkItemId.ToString()) + End(boundary), 400);
        yield return MultipartCase("two file parts", type, host =>
            Part(boundary, "form-data; name=\"workItemId\"", host.TargetWorkItemId.ToString())
            + Part(boundary, "form-data; name=\"file\"; filename=\"a.txt\"", "one")
            + Part(boundary, "form-data; name=\"file\"; filename=\"b.txt\"", "two") + End(boundary), 400);
        yield return MultipartCase("no workItemId", type, _ =>
            Part(boundary, "form-data; name=\"file\"; filename=\"a.txt\"", "bytes") + End(boundary), 400);
        yield return MultipartCase("part without disposition", type, _ =>
            $"--{boundary}\r\nContent-Type: text/plain\r\n\r\nbytes\r\n" + End(boundary), 400);
        yield return MultipartCase("part headers 20 KiB", type, host =>
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nX-Pad: {new string('p', 20 * 1024)}\r\n\r\nbytes\r\n" + End(boundary), 400);
        yield return MultipartCase("field over 64 KiB", type, host =>
            Part(boundary, "form-data; name=\"fileName\"", new string('f', 70 * 1024))
            + Part(boundary, "form-data; name=\"file\"; filename=\"a.txt\"", "bytes") + End(boundary), 400);
        yield return MultipartCase("truncated in file", type, host =>
            Part(boundary, "form-data; name=\"workItemId\"", host.TargetWorkItemId.ToString())
            + $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhalf a fi", 400);
        yield return MultipartCase("filename star invalid UTF-8", type, host =>
            Part(boundary, "form-data; name=\"workItemId\"", host.TargetWorkItemId.ToString())
            + Part(boundary, "form-data; name=\"file\"; filename*=UTF-8''%FF%FEbad", "bytes-ff") + End(boundary), 400);
        yield return MultipartCase("workItemId text", type, _ =>
            Part(boundary, "form-data; name=\"workItemId\"", "twelve")
            + Part(boundary, "form-data; name=\"file\"; filename=\"a.txt\"", "bytes") + End(boundary), 400);
        yield return MultipartCase("hostile filename star", type, host =>
            Part(boundary, "form-data; name=\"workItemId\"", host.TargetWorkItemId.ToString())
            + Part(boundary, $"form-data; name=\"file\"; filename*=UTF-8''{Uri.EscapeDataString($"../mp\r\n-{Marker}")}", "multipart hostile name")
            + End(boundary), 201);
    }

    private static IEnumerable<HostileCase> JsonForm()
    {
        yield return JsonCase("malformed", _ => "{\"fileName\":", 400);
        yield return JsonCase("array", _ => "[]", 400);
        yield return JsonCase("string", _ => "\"file\"", 400);
        yield return JsonCase("bad base64", host => Upload(host, "a.txt", "!!!not base64!!!"), 400);
        yield return JsonCase("base64 wrong padding", host => Upload(host, "a.txt", "QUJD="), 400);
        yield return JsonCase("file number", host => $$"""{"workItemId":{{host.TargetWorkItemId}},"fileName":"a.txt","file":12}""", 400);
        yield return JsonCase("missing file", host => $$"""{"workItemId":{{host.TargetWorkItemId}},"fileName":"a.txt"}""", 400);
        yield return JsonCase("missing fileName", host => $$"""{"workItemId":{{host.TargetWorkItemId}},"file":"QUJD"}""", 400);
        yield return JsonCase("lone surrogate name", host => Upload(host, "\\ud800x.txt", "QUJD"), 400);
        yield return JsonCase("nesting 300 deep", host =>
            $$"""{"workItemId":{{host.TargetWorkItemId}},"fileName":"a.txt","x":{{new string('[', 300)}}{{new string(']', 300)}},"file":"QUJD"}""", 400);
        yield return JsonCase("trailing garbage", host => Upload(host, "a.txt", "QUJD") + " garbage", 400);
        yield return JsonCase("workItemId text", _ => """{"workItemId":"x","fileName":"a.txt","file":"QUJD"}""", 400);
        yield return Oversized("upload JSON file over limit", host => Authorize(host, Send(HttpMethod.Post, "/api/sync/upload",
            Json(Upload(host, "big.bin", Convert.ToBase64String(new byte[HostileHost.MaxUploadBytes + 3]))))));
        yield return HostileCase.Of("upload JSON invalid UTF-8", Expect.ClientError, host => Authorize(host,
            Send(HttpMethod.Post, "/api/sync/upload", Bytes([.. "{\"fileName\":\"a"u8, 0xC3, 0x28, .. "\",\"file\":\"QUJD\"}"u8], "application/json"))), 400);
        yield return HostileCase.Of("upload JSON in UTF-16", Expect.ClientError, host => Authorize(host,
            Send(HttpMethod.Post, "/api/sync/upload", Bytes(Encoding.Unicode.GetBytes(Upload(host, "a.txt", "QUJD")), "application/json; charset=utf-16"))), 400);
        yield return JsonCase("hostile name", host => Upload(host, @"..\\json\u0000-" + Marker, Convert.ToBase64String("json hostile"u8.ToArray())), 201);
    }

    private static IEnumerable<HostileCase> Names() =>
        HostileNames.Select((name, index) => HostileCase.Of($"upload hostile name {index}", Expect.Success, host =>
            Authorize(host, Send(HttpMethod.Post, $"/api/sync/upload?workItemId={host.TargetWorkItemId}&fileName={Query(name)}",
                Text("content of hostile name " + index, "application/octet-stream")))));

    public static HttpRequestMessage Authorize(HostileHost host, HttpRequestMessage request) => host.Authorized(request);

    /// <summary>
    /// A request whose body is over a limit. It sends Expect: 100-continue, as clients of large uploads should, so
    /// an early 413 reaches the client instead of a reset connection while the body is still being sent.
    /// </summary>
    public static HostileCase Oversized(string name, Func<HostileHost, HttpRequestMessage> build) =>
        HostileCase.Of(name, Expect.ClientError, host =>
        {
            var request = build(host);
            request.Headers.ExpectContinue = true;
            return request;
        }, 413);

    private static HostileCase RawCase(string name, Func<HostileHost, string> query, int status) =>
        HostileCase.Of("upload raw " + name, Expect.ClientError, host => Authorize(host,
            Send(HttpMethod.Post, $"/api/sync/upload?{query(host)}", Text("raw bytes of " + name, "application/octet-stream"))), status);

    private static HostileCase MultipartCase(string name, string type, Func<HostileHost, string> body, int status) =>
        HostileCase.Of("upload multipart " + name, status < 300 ? Expect.Success : Expect.ClientError,
            host => Authorize(host, Send(HttpMethod.Post, "/api/sync/upload", Text(body(host), type))), status);

    private static HostileCase JsonCase(string name, Func<HostileHost, string> body, int status) =>
        HostileCase.Of("upload JSON " + name, status < 300 ? Expect.Success : Expect.ClientError,
            host => Authorize(host, Send(HttpMethod.Post, "/api/sync/upload", Json(body(host)))), status);

    private static string Upload(HostileHost host, string fileName, string file) =>
        $$"""{"workItemId":{{host.TargetWorkItemId}},"fileName":"{{fileName}}","file":"{{file}}"}""";

    private static string Part(string boundary, string disposition, string value) =>
        $"--{boundary}\r\nContent-Disposition: {disposition}\r\n\r\n{value}\r\n";

    private static string End(string boundary) => $"--{boundary}--\r\n";
}
