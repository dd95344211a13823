using AttachmentSync.Security.Tests.Hostile.Cases;

namespace AttachmentSync.Security.Tests.Hostile;

/// <summary>Every hostile case by name, so theories can carry the name alone.</summary>
public static class HostileCatalog
{
    private static readonly Lazy<Dictionary<string, HostileCase>> Cases = new(() =>
        CredentialCases.All()
            .Concat(WebhookCases.All())
            .Concat(UploadCases.All())
            .Concat(ApiCases.All())
            .Concat(TusCases.All())
            .Concat(GeneratedCases.All())
            .ToDictionary(@case => @case.Name, StringComparer.Ordinal));

    public static HostileCase Get(string name) => Cases.Value[name];

    public static TheoryData<string> Names(IEnumerable<HostileCase> cases)
    {
        var data = new TheoryData<string>();
        foreach (var @case in cases)
        {
            data.Add(@case.Name);
        }

        return data;
    }

    public static int Count => Cases.Value.Count;
}
