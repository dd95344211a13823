namespace AttachmentSync.AzureDevOps.Models;

/// <summary>The <c>{ "count": n, "value": [...] }</c> wrapper of Azure DevOps list responses.</summary>
public sealed record AdoList<T>(int Count, List<T> Value);
