using System.Text;
using AttachmentSync.Security.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;
using static AttachmentSync.Security.Tests.Hostile.Cases.UploadCases;
using static AttachmentSync.Security.Tests.Hostile.HostileRequests;

namespace AttachmentSync.Security.Tests.Hostile.Cases;

/// <summary>
/// Cases generated with FsCheck from fixed seeds, so every run sends the same requests: file names built
/// from awkward fragments, random Authorization values, and mutated JSON uploads, webhook bodies and tus PATCHes.
/// </summary>
public static class GeneratedCases
{
    public const int NameCount = 60;
    public const int CredentialCount = 30;
    public const int MutationCount = 30;

    private static readonly string[] NameFragments =
    [
        "a", "Z", "0", ".", "..", "/", "\\", " ", "\0", "\r", "\n", "\t", "\"", "'", ";", "=", "%", "%2F", "+", "#",
        "&", "?", "😀", "\u0301", "é", "e\u0301", "日", "\u202E", "\uFEFF", "\u0007", "<", ">", "|", "*", ":", "CON",
    ];

    private static readonly string[] JsonNoise = ["{", "}", "\"", "\\", ":", ",", "!", "\u0001", " ", "[", "9", "null", "\\u00"];

    private static readonly string[] PatchTypes =
        ["application/offset+octet-stream", "application/octet-stream", "text/plain", "multipart/form-data", "application/offset+octet-stream; x=1"];

    public static IEnumerable<HostileCase> All() =>
        Names().Concat(Credentials()).Concat(JsonUploads()).Concat(Webhooks()).Concat(TusPatches());

    /// <summary>The generated file names, also used by the name round-trip tests.</summary>
    public static IReadOnlyList<string> FileNames() =>
        Gen.ListOf(Gen.Elements(NameFragments))
            .Select(parts => string.Concat(parts) + "-" + HostileHost.Marker)
            .Sample(20, new Rnd(7001), NameCount);

    private static IEnumerable<HostileCase> Names() =>
        FileNames().Select((name, index) => HostileCase.Of($"generated name {index:D2}", Expect.Success, host =>
            Authorize(host, Send(HttpMethod.Post, $"/api/sync/upload?workItemId={host.TargetWorkItemId}&fileName={Query(name)}",
                Text($"generated name body {index}", "application/octet-stream")))));

    private static IEnumerable<HostileCase> Credentials()
    {
        var printable = Gen.Choose(0x20, 0x7E).Select(code => (char)code);
        var values = Gen.Zip(Gen.Elements("Bearer ", "bearer ", "Basic ", "", "Bearer  ", "Bearer\t"), Gen.ArrayOf(printable))
            .Select(pair => pair.Item1 + new string(pair.Item2))
            .Sample(40, new Rnd(7002), CredentialCount);
        return values.Select((value, index) => HostileCase.Of($"generated authorization {index:D2}", Expect.ClientError, host =>
        {
            var request = Send(HttpMethod.Get, $"/api/sync/status/{host.SeededWorkItemId}");
            request.Headers.TryAddWithoutValidation("Authorization", value);
            return request;
        }, 401));
    }

    private static IEnumerable<HostileCase> JsonUploads() =>
        Mutations(7003).Select((mutation, index) => HostileCase.Of($"generated JSON upload {index:D2}", Expect.Handled, host =>
        {
            var valid = $$"""{"workItemId":{{host.TargetWorkItemId}},"fileName":"gen-{{index}}-{{HostileHost.Marker}}.txt","file":"{{Convert.ToBase64String(Encoding.UTF8.GetBytes("generated json " + index))}}"}""";
            return Authorize(host, Send(HttpMethod.Post, "/api/sync/upload", Json(mutation(valid))));
        }));

    private static IEnumerable<HostileCase> Webhooks() =>
        Mutations(7004).Select((mutation, index) => HostileCase.Of($"generated webhook {index:D2}", Expect.Handled, host =>
            Webhook.Request(mutation(Webhook.Updated(host.TargetWorkItemId).ToJsonString()), secret: host.Sync.WebhookSecret)));

    private static IEnumerable<HostileCase> TusPatches()
    {
        var patches = Gen.Zip(Gen.Choose(-3, 60), Gen.Zip(Gen.Elements(PatchTypes), Gen.Choose(0, 80)))
            .Sample(30, new Rnd(7005), MutationCount);
        return patches.Select((patch, index) => new HostileCase($"generated tus patch {index:D2}", Expect.Handled, async host =>
        {
            var location = await TusCases.CreateUploadAsync(host, 50, $"gen-tus-{index}-{HostileHost.Marker}");
            return TusCases.PatchRequest(host, location, patch.Item1, new byte[patch.Item2.Item2], patch.Item2.Item1);
        }));
    }

    /// <summary>Generates edits of a valid body: cut it short, or put a noise token at some position.</summary>
    private static IReadOnlyList<Func<string, string>> Mutations(ulong seed)
    {
        var cut = Gen.Choose(0, 1000).Select(position => (Func<string, string>)(text => text[..(position % (text.Length + 1))]));
        var insert = Gen.Zip(Gen.Choose(0, 1000), Gen.Elements(JsonNoise)).Select(pair =>
            (Func<string, string>)(text => text.Insert(pair.Item1 % (text.Length + 1), pair.Item2)));
        var replace = Gen.Zip(Gen.Choose(0, 1000), Gen.Elements(JsonNoise)).Select(pair =>
            (Func<string, string>)(text =>
            {
                var at = pair.Item1 % text.Length;
                return text[..at] + pair.Item2 + text[(at + 1)..];
            }));
        return Gen.OneOf(cut, insert, replace).Sample(30, new Rnd(seed), MutationCount);
    }
}
