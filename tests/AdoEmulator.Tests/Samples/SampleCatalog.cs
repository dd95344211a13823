using System.Text.Json.Nodes;
using AdoEmulator.Tests.Support;
using static AdoEmulator.Tests.Samples.SampleCalls;

namespace AdoEmulator.Tests.Samples;

/// <summary>
/// Maps every file in tests/fixtures/ado-samples to the emulator call that produces its equivalent. A sample file
/// without an entry fails the walk, so a newly added sample must be mapped here.
/// </summary>
internal static class SampleCatalog
{
    private const string V = "api-version=7.1";
    private const string JsonPatch = "application/json-patch+json";

    public static readonly IReadOnlyDictionary<string, SampleCase> Cases = new Dictionary<string, SampleCase>
    {
        ["attachments-create-simple-textfile-response.json"] = Output((w, _) => UploadAsync(w, "textAsFileAttachment.txt")),
        ["attachments-create-simple-binaryfile-response.json"] = Output((w, _) => UploadAsync(w, "imageAsFileAttachment.png")),
        ["attachments-chunked-start-response.json"] = Output((w, _) =>
            SendAsync(w.Emulator, HttpMethod.Post, "_apis/wit/attachments?uploadType=chunked&fileName=test.txt&api-version=2.0", null)),
        ["attachments-chunked-upload-chunk-response.json"] = Output(UploadChunkAsync),
        ["error-project-not-found-404.json"] = Output((w, _) => SendAsync(w.Emulator, HttpMethod.Post,
            $"WorkItemCreateShowUpdateDeleteTests/_apis/wit/workItems/$Task?{V}", TitlePatch("sampleTask"), JsonPatch)),
        ["error-workitem-not-found-404.json"] = Output((w, _) => SendAsync(w.Emulator, HttpMethod.Get, $"_apis/wit/workItems/191?$expand=all&{V}", null)),

        ["hooks-subscription-create-request.json"] = Request(async (w, sample) =>
            await StatusAsync(w.Emulator, HttpMethod.Post, $"_apis/hooks/subscriptions?{V}", AsWorkItemSubscription(w, sample), "application/json")),
        ["hooks-subscription-create-response.json"] = Output(
            (w, _) => SendAsync(w.Emulator, HttpMethod.Post, $"_apis/hooks/subscriptions?{V}", AsWorkItemSubscription(w, Load("hooks-subscription-create-request.json")))),
        ["hooks-consumer-webhooks-descriptor.json"] = NotEmulated("The consumers API (GET _apis/hooks/consumers) is not emulated."),
        ["hooks-publisher-tfs-workitem-eventtypes.json"] = NotEmulated("The publishers API (GET _apis/hooks/publishers/tfs/eventTypes) is not emulated."),

        ["webhook-workitem-created-payload.json"] = Output(async (w, _) =>
        {
            await w.Emulator.CreateTaskAsync("Some great new idea!");
            return await w.HookAsync("workitem.created");
        }, ignored: [OldWorkItemTypeLink]),
        ["webhook-workitem-updated-payload.json"] = Output(UpdatedHookAsync, ignored:
        [
            // The documentation sample writes System.Rev and System.Watermark as strings, but real deliveries (the capture beside it) use numbers.
            "$.resource.fields.System.Rev.oldValue", "$.resource.fields.System.Rev.newValue",
            "$.resource.fields.System.Watermark.oldValue", "$.resource.fields.System.Watermark.newValue",
            // The documentation sample has revisedDate "0001-01-01T00:00:00" (no zone) as a placeholder, but real deliveries carry a UTC date.
            "$.resource.revisedDate",
        ]),
        ["webhook-workitem-updated-payload-realcapture-services.json"] = Output(UpdatedHookAsync),
        ["webhook-workitem-deleted-payload.json"] = Output(async (w, _) =>
        {
            await w.Emulator.CreateTaskAsync("Some great new idea!");
            using var response = await w.Emulator.Client.DeleteAsync($"Demo/_apis/wit/workitems/1?{V}");
            return await w.HookAsync("workitem.deleted");
        }, ignored:
        [
            // The emulator's recycle-bin resource carries only the self link.
            "$.resource._links.workItemType", "$.resource._links.fields",
        ]),
        ["webhook-workitem-commented-payload.json"] = NotEmulated("The workitem.commented event and the comments API are not emulated."),

        ["wiql-query-request.json"] = Request(async (w, sample) =>
            await StatusAsync(w.Emulator, HttpMethod.Post, $"_apis/wit/wiql?{V}", sample, "application/json")),
        ["wiql-query-response.json"] = Output(async (w, _) =>
        {
            await w.Emulator.CreateTaskAsync("one");
            await w.Emulator.CreateTaskAsync("two");
            return await SendAsync(w.Emulator, HttpMethod.Post, $"_apis/wit/wiql?{V}", Load("wiql-query-request.json"));
        }),

        ["workitem-create-task-request.json"] = Request(async (w, sample) =>
            await StatusAsync(w.Emulator, HttpMethod.Post, $"Demo/_apis/wit/workItems/$Task?{V}", sample, JsonPatch)),
        ["workitem-create-task-response.json"] = Output((w, _) =>
            SendAsync(w.Emulator, HttpMethod.Post, $"Demo/_apis/wit/workItems/$Task?{V}", Load("workitem-create-task-request.json"), JsonPatch),
            ignored: [RetiredHistoryLink]),
        ["workitem-get-single-response.json"] = Output(async (w, _) =>
        {
            await w.Emulator.CreateTaskAsync("Epic 2");
            return await SendAsync(w.Emulator, HttpMethod.Get, $"Demo/_apis/wit/workItems/1?{V}", null);
        }, ignored: [RetiredHistoryLink]),
        ["workitem-delete-live-response.json"] = Output(async (w, _) =>
        {
            await w.Emulator.CreateTaskAsync("sampleTask");
            return await SendAsync(w.Emulator, HttpMethod.Delete, $"Demo/_apis/wit/workItems/1?destroy=false&{V}", null);
        }),
        ["workitem-patch-live-request.json"] = Request(async (w, sample) =>
        {
            await w.Emulator.CreateTaskAsync();
            return await StatusAsync(w.Emulator, HttpMethod.Patch, $"_apis/wit/workItems/1?{V}", sample, JsonPatch);
        }),
        ["workitem-patch-live-response.json"] = Output(async (w, _) =>
        {
            await w.Emulator.CreateTaskAsync("sampleTask");
            return await PatchAsync(w.Emulator, 1, Load("workitem-patch-live-request.json"));
        }),
        ["workitem-patch-update-field-with-rev-test-request.json"] = Request(async (w, sample) =>
        {
            await w.Emulator.CreateTaskAsync();
            return await StatusAsync(w.Emulator, HttpMethod.Patch, $"_apis/wit/workItems/1?{V}", sample, JsonPatch);
        }),
        ["workitem-patch-update-field-with-rev-test-response.json"] = Output(async (w, _) =>
        {
            await w.Emulator.CreateTaskAsync();
            return await PatchAsync(w.Emulator, await ItemCreatedWithLinkAsync(w), Load("workitem-patch-update-field-with-rev-test-request.json"));
        }, ignored: [RetiredHistoryLink]),
        ["workitem-patch-add-link-relation-request.json"] = Request(async (w, sample) =>
            await PatchStatusAsync(w, await ItemWithTwoLinksAsync(w), RetargetLinks(w, sample, 3))),
        ["workitem-patch-add-link-relation-response.json"] = Output(async (w, _) =>
            await PatchAsync(w.Emulator, await ItemWithTwoLinksAsync(w), RetargetLinks(w, Load("workitem-patch-add-link-relation-request.json"), 3)),
            ignored: [RetiredHistoryLink]),
        ["workitem-patch-remove-link-relation-request.json"] = Request(async (w, sample) =>
        {
            var id = await ItemWithTwoLinksAsync(w);
            await LinkAsync(w.Emulator, id, 3, "System.LinkTypes.Dependency-forward");
            return await PatchStatusAsync(w, id, WithRev(sample, 4));
        }),
        ["workitem-patch-remove-link-relation-response.json"] = Output(async (w, _) =>
        {
            var id = await ItemWithTwoLinksAsync(w);
            await LinkAsync(w.Emulator, id, 3, "System.LinkTypes.Dependency-forward");
            return await PatchAsync(w.Emulator, id, WithRev(Load("workitem-patch-remove-link-relation-request.json"), 4));
        }, ignored: [RetiredHistoryLink]),
        ["workitem-patch-add-attachedfile-relation-request.json"] = Request(async (w, sample) =>
        {
            var id = await ItemWithTwoLinksAsync(w);
            return await PatchStatusAsync(w, id, await RetargetAttachmentAsync(w, sample, 3));
        }),
        ["workitem-patch-add-attachedfile-relation-response.json"] = Output(async (w, _) =>
        {
            var id = await ItemWithTwoLinksAsync(w);
            return await PatchAsync(w.Emulator, id, await RetargetAttachmentAsync(w, Load("workitem-patch-add-attachedfile-relation-request.json"), 3));
        }, ignored: [RetiredHistoryLink]),
        ["workitem-patch-remove-attachedfile-relation-request.json"] = Request(async (w, sample) =>
        {
            var id = await ItemWithTwoLinksAsync(w);
            await AttachAsync(w.Emulator, id, "Spec.txt", "Spec for the work");
            return await PatchStatusAsync(w, id, sample);
        }),
        ["workitem-patch-remove-attachedfile-relation-response.json"] = Output(async (w, _) =>
        {
            var id = await ItemWithTwoLinksAsync(w);
            await AttachAsync(w.Emulator, id, "Spec.txt", "Spec for the work");
            return await PatchAsync(w.Emulator, id, Load("workitem-patch-remove-attachedfile-relation-request.json"));
        }, ignored: [RetiredHistoryLink]),

        ["workitem-updates-list-with-attachedfile-added-response.json"] = Output(async (w, _) =>
        {
            var id = await ItemWithTwoLinksAsync(w);
            await PatchAsync(w.Emulator, id, JsonNode.Parse("""[{"op":"remove","path":"/relations/0"}]""")!);
            await AttachAsync(w.Emulator, id, "5.jpg", "picture");
            return await SendAsync(w.Emulator, HttpMethod.Get, $"_apis/wit/workItems/{id}/updates?{V}", null);
        }),
        ["workitem-revisions-list-response.json"] = Output(async (w, _) =>
        {
            await w.Emulator.CreateTaskAsync();
            await PatchAsync(w.Emulator, 1, JsonNode.Parse("""[{"op":"add","path":"/fields/System.State","value":"Active"}]""")!);
            return await SendAsync(w.Emulator, HttpMethod.Get, $"_apis/wit/workItems/1/revisions?{V}", null);
        }),
        ["workitems-list-expand-all-with-attachedfile-response.json"] = Output(async (w, _) =>
        {
            var id = await ItemWithTwoLinksAsync(w);
            await AttachAsync(w.Emulator, id, "Spec.txt", "Spec for the work");
            return await SendAsync(w.Emulator, HttpMethod.Get, $"_apis/wit/workitems?ids=1,2,{id}&$expand=all&{V}", null);
        }, ignored: ["$.value[*]._links.workItemHistory"]),
        ["workitemsbatch-request.json"] = Request(async (w, sample) =>
        {
            await ItemWithTwoLinksAsync(w);
            return await StatusAsync(w.Emulator, HttpMethod.Post, $"_apis/wit/workitemsbatch?{V}", WithIds(sample, 1, 2, 3), "application/json");
        }),
        ["workitemsbatch-response.json"] = Output(async (w, _) =>
        {
            await ItemWithTwoLinksAsync(w);
            return await SendAsync(w.Emulator, HttpMethod.Post, $"_apis/wit/workitemsbatch?{V}", WithIds(Load("workitemsbatch-request.json"), 1, 2, 3));
        }),

        ["workitem-comment-add-request.json"] = NotEmulated("The comments API (POST _apis/wit/workItems/{id}/comments) is not emulated."),
        ["workitem-comment-add-response.json"] = NotEmulated("The comments API (POST _apis/wit/workItems/{id}/comments) is not emulated."),
    };

    /// <summary>
    /// The 2016 hook samples put the project id after /wit/ in the workItemType link. Current responses, as in the
    /// 2025 live recording, put it before /_apis/, and so does the emulator.
    /// </summary>
    private const string OldWorkItemTypeLink = "$.resource._links.workItemType.href";

    /// <summary>The workItemHistory link was retired in api-version 5.0; current responses carry workItemComments.</summary>
    private const string RetiredHistoryLink = "$._links.workItemHistory";

    public static string Folder { get; } = FindFolder();

    public static JsonNode Load(string fileName) => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, fileName)))!;

    private static SampleCase Output(Func<SampleWorld, JsonNode, Task<JsonNode?>> produce, string[]? ignored = null) =>
        new(SampleKind.Output, produce, IgnoredPaths: (ignored ?? []).ToHashSet());

    private static SampleCase Request(Func<SampleWorld, JsonNode, Task<int>> send) =>
        new(SampleKind.Request, async (w, sample) => await send(w, sample));

    private static SampleCase NotEmulated(string reason) => new(SampleKind.NotEmulated, Reason: reason);

    private static Task<JsonNode?> UploadAsync(SampleWorld w, string fileName) =>
        SendRawAsync(w, $"_apis/wit/attachments?fileName={fileName}&api-version=1.0");

    private static async Task<JsonNode?> SendRawAsync(SampleWorld w, string path)
    {
        using var content = new ByteArrayContent([1, 2, 3]);
        content.Headers.ContentType = new("application/octet-stream");
        using var response = await w.Emulator.Client.PostAsync(path, content);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonNode?> UploadChunkAsync(SampleWorld w, JsonNode _)
    {
        var start = await SendAsync(w.Emulator, HttpMethod.Post, "_apis/wit/attachments?uploadType=chunked&fileName=test.txt&api-version=2.0", null);
        using var content = new ByteArrayContent(new byte[10]);
        content.Headers.ContentType = new("application/octet-stream");
        content.Headers.ContentRange = new(0, 9, 10);
        using var response = await w.Emulator.Client.PutAsync($"_apis/wit/attachments/{start!["id"]}?uploadType=chunked&api-version=2.0", content);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonNode?> UpdatedHookAsync(SampleWorld w, JsonNode _)
    {
        await w.Emulator.CreateTaskAsync("Some great new idea!");
        await PatchAsync(w.Emulator, 1, JsonNode.Parse("""[{"op":"add","path":"/fields/Microsoft.VSTS.Common.Severity","value":"3 - Medium"}]""")!);
        await PatchAsync(w.Emulator, 1, JsonNode.Parse("""
            [{"op":"add","path":"/fields/System.State","value":"Approved"},
             {"op":"add","path":"/fields/System.Reason","value":"Approved by the Product Owner"},
             {"op":"add","path":"/fields/System.AssignedTo","value":"Sample User One <user1@example.com>"},
             {"op":"add","path":"/fields/Microsoft.VSTS.Common.Severity","value":"2 - High"}]
            """)!);
        return await w.HookAsync("workitem.updated", rev: 3);
    }

    /// <summary>Creates items 1 and 2, then item 3 linked to both (rev 3), as the recorded PATCH examples start from.</summary>
    private static async Task<int> ItemWithTwoLinksAsync(SampleWorld w)
    {
        await w.Emulator.CreateTaskAsync("Customer can sign in");
        await w.Emulator.CreateTaskAsync("Unit testing");
        await w.Emulator.CreateTaskAsync("JavaScript implementation");
        await LinkAsync(w.Emulator, 3, 1, "System.LinkTypes.Hierarchy-Reverse", "decomposition of work");
        await LinkAsync(w.Emulator, 3, 2, "System.LinkTypes.Related", "adding another task");
        return 3;
    }

    /// <summary>Creates item 1, then item 2 with a link to item 1 in its creating patch, so rev 1 has relations.</summary>
    private static async Task<int> ItemCreatedWithLinkAsync(SampleWorld w)
    {
        await w.Emulator.CreateTaskAsync("Customer can sign in");
        var patch = new JsonArray(
            new JsonObject { ["op"] = "add", ["path"] = "/fields/System.Title", ["value"] = "JavaScript implementation" },
            new JsonObject
            {
                ["op"] = "add",
                ["path"] = "/relations/-",
                ["value"] = new JsonObject
                {
                    ["rel"] = "System.LinkTypes.Hierarchy-Reverse",
                    ["url"] = $"{w.Emulator.Host.OrganizationUrl}/_apis/wit/workItems/1",
                    ["attributes"] = new JsonObject { ["comment"] = "decomposition of work" },
                },
            });
        var item = await SendAsync(w.Emulator, HttpMethod.Post, $"Demo/_apis/wit/workItems/$Task?{V}", patch, JsonPatch);
        return item!["id"]!.GetValue<int>();
    }

    private static async Task<int> PatchStatusAsync(SampleWorld w, int id, JsonNode patch) =>
        await StatusAsync(w.Emulator, HttpMethod.Patch, $"_apis/wit/workItems/{id}?{V}", patch, JsonPatch);

    private static JsonNode TitlePatch(string title) =>
        new JsonArray(new JsonObject { ["op"] = "add", ["path"] = "/fields/System.Title", ["value"] = title });

    private static JsonNode WithRev(JsonNode patch, int rev) =>
        Substitute(patch, o => o["path"]?.ToString() == "/rev", o => o["value"] = rev);

    private static JsonNode WithIds(JsonNode body, params int[] ids)
    {
        var copy = body.DeepClone();
        copy["ids"] = new JsonArray(ids.Select(i => (JsonNode)i).ToArray());
        return copy;
    }

    private static JsonNode RetargetLinks(SampleWorld w, JsonNode patch, int rev) =>
        Substitute(WithRev(patch, rev), o => o["rel"] is not null,
            o => o["url"] = $"{w.Emulator.Host.OrganizationUrl}/_apis/wit/workItems/2");

    private static async Task<JsonNode> RetargetAttachmentAsync(SampleWorld w, JsonNode patch, int rev)
    {
        var attachment = await w.Emulator.UploadAsync("upload.txt", "spec"u8.ToArray());
        var url = attachment["url"]!.ToString().Split('?')[0] + "?fileName=Spec.txt";
        return Substitute(WithRev(patch, rev), o => o["rel"]?.ToString() == "AttachedFile", o => o["url"] = url);
    }

    private static JsonNode AsWorkItemSubscription(SampleWorld w, JsonNode sample)
    {
        // The only published create example subscribes to build.complete, but the emulator serves work-item events
        // only. The walk sends the same body with a work-item event, the emulator's project and the receiver's URL.
        var body = sample.DeepClone();
        body["eventType"] = "workitem.updated";
        body["publisherInputs"]!["projectId"] = w.Emulator.Host.ProjectId.ToString();
        body["consumerInputs"]!["url"] = w.Receiver.Url;
        return body;
    }

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures", "ado-samples");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/fixtures/ado-samples was not found above " + AppContext.BaseDirectory);
    }
}
