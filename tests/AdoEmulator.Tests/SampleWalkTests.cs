using AdoEmulator.Tests.Samples;
using AdoEmulator.Tests.Support;

namespace AdoEmulator.Tests;

/// <summary>
/// Walks every JSON file in tests/fixtures/ado-samples: request samples must be accepted, response and hook
/// samples must match the shape of what the emulator produces for the equivalent call.
/// </summary>
public sealed class SampleWalkTests
{
    public static TheoryData<string> SampleFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(SampleCatalog.Folder, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            data.Add(file!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public async Task Sample_matches_emulator(string fileName)
    {
        Assert.True(SampleCatalog.Cases.TryGetValue(fileName, out var sampleCase),
            $"{fileName} has no entry in SampleCatalog. Map it to the emulator call that produces its equivalent.");
        if (sampleCase.Kind == SampleKind.NotEmulated)
        {
            Assert.False(string.IsNullOrWhiteSpace(sampleCase.Reason), $"{fileName} is marked not emulated without a reason.");
            return;
        }

        var sample = SampleCatalog.Load(fileName);
        await using var world = await SampleWorld.StartAsync();
        var actual = await sampleCase.Produce!(world, sample);

        if (sampleCase.Kind == SampleKind.Request)
        {
            var status = actual!.GetValue<int>();
            Assert.True(status is >= 200 and < 300, $"{fileName}: the emulator rejected the request sample with status {status}.");
            return;
        }

        var differences = JsonShape.Compare(sample, actual, sampleCase.IgnoredPaths);
        Assert.True(differences.Count == 0,
            $"{fileName} differs in shape from the emulator output:\n  " + string.Join("\n  ", differences) +
            $"\nEmulator output: {actual?.ToJsonString()}");
    }

    [Fact]
    public void Every_catalog_entry_has_a_sample_file()
    {
        var files = Directory.GetFiles(SampleCatalog.Folder, "*.json").Select(Path.GetFileName).ToHashSet();
        var orphans = SampleCatalog.Cases.Keys.Where(k => !files.Contains(k)).ToList();
        Assert.True(orphans.Count == 0, "catalog entries without a sample file: " + string.Join(", ", orphans));
    }
}
