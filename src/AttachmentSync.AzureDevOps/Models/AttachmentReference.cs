namespace AttachmentSync.AzureDevOps.Models;

/// <summary>Body of an attachment create response: <c>{ "id": guid, "url": string }</c>.</summary>
public sealed record AttachmentReference(Guid Id, string Url);
