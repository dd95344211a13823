namespace AdoEmulator.Discovery;

/// <summary>A REST resource location as <c>OPTIONS {coll}/_apis/{area}</c> lists it for client route discovery.</summary>
internal sealed record ResourceLocation(
    string Id, string Area, string ResourceName, string RouteTemplate, int ResourceVersion, string MinVersion = "1.0");

/// <summary>
/// The resource locations the emulator serves. Ids and route templates are the ones Azure DevOps publishes, so the
/// official clients (which look routes up by id) build the same URLs against the emulator.
/// </summary>
internal static class ResourceLocations
{
    public const string MaxVersion = "7.2";
    public const string ReleasedVersion = "7.1";

    public static readonly ResourceLocation[] All =
    [
        new("e07b5fa4-1499-494d-a496-64b860fd64ff", "wit", "attachments", "{project}/_apis/{area}/{resource}/{id}", 3),
        new("72c7ddf8-2cdc-4f60-90cd-ab71c14a399b", "wit", "workItems", "{project}/_apis/{area}/{resource}/{id}", 3),
        new("62d3d110-0047-428c-ad3c-4fe872c91c74", "wit", "workItems", "{project}/_apis/{area}/{resource}/${type}", 3),
        new("908509b6-4248-4475-a1cd-829139ba419f", "wit", "workItemsBatch", "{project}/_apis/{area}/{resource}", 1),
        new("1a9c53f7-f243-4447-b110-35ef023636e4", "wit", "wiql", "{project}/{team}/_apis/{area}/{resource}/{id}", 2),
        new("6570bf97-d02c-4a91-8d93-3abe9895b1a9", "wit", "updates",
            "{project}/_apis/{area}/workItems/{id}/{resource}/{updateNumber}", 3),
        new("a00c85a5-80fa-4565-99c3-bcd2181434bb", "wit", "revisions",
            "{project}/_apis/{area}/workItems/{id}/{resource}/{revisionNumber}", 3),
        new("e81700f7-3be2-46de-8624-2eb35882fcaa", "Location", "ResourceAreas", "_apis/{resource}/{areaId}", 1),
        new("fc50d02a-849f-41fb-8af1-0a5216103269", "hooks", "Subscriptions", "_apis/{area}/{resource}/{subscriptionId}", 1),
        new("603fe2ac-9723-48b9-88ad-09305aa6c6e1", "core", "projects", "_apis/{resource}/{projectId}", 4),
    ];
}
