using System.Net;
using System.Text;
using System.Text.Json;
using AttachmentSync.AzureDevOps;
using AttachmentSync.AzureDevOps.Http;
using AttachmentSync.AzureDevOps.Models;
using AttachmentSync.Server.Webhooks;
using AttachmentSync.Tests.Infrastructure;

namespace AttachmentSync.Tests.Samples;

/// <summary>
/// Every Azure DevOps sample body the service consumes is read by the same code that reads live responses.
/// </summary>
public sealed class SampleParsingTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData("webhook-workitem-created-payload.json", "workitem.created", 5, 1)]
    [InlineData("webhook-workitem-deleted-payload.json", "workitem.deleted", 5, 1)]
    [InlineData("webhook-workitem-commented-payload.json", "workitem.commented", 5, 4)]
    [InlineData("webhook-workitem-updated-payload.json", "workitem.updated", 5, 2)]
    [InlineData("webhook-workitem-updated-payload-realcapture-services.json", "workitem.updated", 13, 2)]
    public void Webhook_sample_yields_work_item(string file, string eventType, int workItemId, int rev)
    {
        var body = File.ReadAllBytes(RepositoryFiles.Fixture("ado-samples", file));

        var (delivery, invalidField) = WebhookPayloadParser.Parse(body, DateTimeOffset.UnixEpoch);

        Assert.Null(invalidField);
        Assert.NotNull(delivery);
        Assert.Equal(eventType, delivery.EventType);
        Assert.Equal(workItemId, delivery.WorkItemId);
        Assert.Equal(rev, delivery.Revision);
        Assert.StartsWith("notification:", delivery.DeliveryKey, StringComparison.Ordinal);
    }

    [Fact]
    public void Webhook_samples_have_distinct_delivery_keys()
    {
        var keys = Directory.EnumerateFiles(RepositoryFiles.Fixture("ado-samples"), "webhook-*.json")
            .Select(path => WebhookPayloadParser.Parse(File.ReadAllBytes(path), DateTimeOffset.UnixEpoch).Delivery!.DeliveryKey)
            .ToList();

        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public void Work_item_sample_reads_fields_and_rev()
    {
        var item = Read<WorkItem>("workitem-get-single-response.json");

        Assert.Equal(12, item.Id);
        Assert.True(item.Rev > 0);
        Assert.True(item.Fields.ContainsKey("System.Title"));
    }

    [Fact]
    public void Expanded_list_sample_yields_attached_files()
    {
        var list = Read<AdoList<WorkItem>>("workitems-list-expand-all-with-attachedfile-response.json");

        var files = list.Value.SelectMany(item => item.AttachedFiles()).Select(pair => pair.Relation).ToList();
        Assert.NotEmpty(files);
        Assert.All(files, relation => Assert.NotNull(relation.AttachmentId));
        Assert.All(files, relation => Assert.False(string.IsNullOrEmpty(relation.Name)));
    }

    [Fact]
    public void Patch_response_sample_finds_relation_by_guid()
    {
        var item = Read<WorkItem>("workitem-patch-add-attachedfile-relation-response.json");

        var (index, relation) = Assert.Single(item.AttachedFiles());
        Assert.Equal(Guid.Parse("098a279a-60b9-40a8-868b-b7fd00c0a439"), relation.AttachmentId);
        Assert.Equal("Spec.txt", relation.Name);
        Assert.True(index >= 0);
    }

    [Fact]
    public void Batch_sample_reads_every_item()
    {
        var list = Read<AdoList<WorkItem>>("workitemsbatch-response.json");

        Assert.Equal(list.Count, list.Value.Count);
        Assert.Contains(list.Value, item => item.Id == 299 && item.Rev == 7);
    }

    [Fact]
    public void Wiql_sample_reads_ids_and_as_of()
    {
        var result = Read<WiqlResult>("wiql-query-response.json");

        Assert.NotNull(result.AsOf);
        Assert.NotEmpty(result.WorkItems);
        Assert.All(result.WorkItems, reference => Assert.True(reference.Id > 0));
    }

    [Theory]
    [InlineData("attachments-create-simple-textfile-response.json")]
    [InlineData("attachments-create-simple-binaryfile-response.json")]
    [InlineData("attachments-chunked-start-response.json")]
    [InlineData("attachments-chunked-upload-chunk-response.json")]
    public void Attachment_sample_reads_id_and_url(string file)
    {
        var reference = Read<AttachmentReference>(file);

        Assert.NotEqual(Guid.Empty, reference.Id);
        Assert.Contains(reference.Id.ToString(), reference.Url, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Subscription_sample_reads_status_and_inputs()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(RepositoryFiles.Fixture("ado-samples", "hooks-subscription-create-response.json")));
        var subscription = document.RootElement.Deserialize<HookSubscription>(Json)!;

        Assert.False(string.IsNullOrEmpty(subscription.Id));
        Assert.Equal("webHooks", subscription.ConsumerId);
        Assert.True(subscription.ConsumerInputs.ContainsKey("url"));
    }

    [Theory]
    [InlineData("error-workitem-not-found-404.json", "WorkItemUnauthorizedAccessException", AdoErrorKind.NotFound)]
    [InlineData("error-project-not-found-404.json", "ProjectDoesNotExistWithNameException", AdoErrorKind.NotFound)]
    public async Task Error_sample_becomes_classified_exception(string file, string typeKey, AdoErrorKind kind)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.NotFound)
        {
            Content = new StringContent(File.ReadAllText(RepositoryFiles.Fixture("ado-samples", file)), Encoding.UTF8, "application/json"),
            RequestMessage = new HttpRequestMessage(HttpMethod.Get, "https://dev.azure.com/contoso/_apis/wit/workitems/191"),
        };

        var exception = await AdoErrorReader.ReadAsync(response, DateTimeOffset.UnixEpoch, CancellationToken.None);

        Assert.Equal(kind, exception.Kind);
        Assert.Equal(typeKey, exception.TypeKey);
        Assert.Contains("does not exist", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_error_body_is_not_parsed()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadGateway)
        {
            Content = new StringContent("<html><body>Bad gateway {\"typeKey\":\"X\"}</body></html>", Encoding.UTF8, "text/html"),
            RequestMessage = new HttpRequestMessage(HttpMethod.Get, "https://dev.azure.com/contoso/_apis/wit/workitems/1"),
        };

        var exception = await AdoErrorReader.ReadAsync(response, DateTimeOffset.UnixEpoch, CancellationToken.None);

        Assert.Equal(AdoErrorKind.Transient, exception.Kind);
        Assert.Null(exception.TypeKey);
    }

    private static T Read<T>(string file) =>
        JsonSerializer.Deserialize<T>(File.ReadAllBytes(RepositoryFiles.Fixture("ado-samples", file)), Json)!;
}
