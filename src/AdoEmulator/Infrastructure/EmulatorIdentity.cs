using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace AdoEmulator.Infrastructure;

/// <summary>
/// Fixed facts of the emulated organization: names, ids, the PAT in force and the single user every change is made by.
/// </summary>
internal sealed class EmulatorIdentity
{
    public EmulatorIdentity(IOptions<EmulatorOptions> options, TimeProvider time)
    {
        var value = options.Value;
        Organization = value.Organization;
        ProjectName = value.Project;
        PatWasGenerated = string.IsNullOrEmpty(value.Pat);
        Pat = PatWasGenerated ? GeneratePat() : value.Pat;
        AdminKey = string.IsNullOrEmpty(value.AdminKey) ? null : value.AdminKey;
        ProjectLastUpdateTime = time.GetUtcNow();
    }

    public string Organization { get; }

    public string ProjectName { get; }

    public Guid ProjectId { get; } = Guid.NewGuid();

    /// <summary>Revision of the project's metadata; the emulator never changes the project, so it stays 1.</summary>
    public long ProjectRevision => 1;

    /// <summary>Time the project was last changed, which is the emulator's start.</summary>
    public DateTimeOffset ProjectLastUpdateTime { get; }

    public Guid CollectionId { get; } = Guid.NewGuid();

    public Guid AccountId { get; } = Guid.NewGuid();

    public string Pat { get; }

    public bool PatWasGenerated { get; }

    public string? AdminKey { get; }

    public Guid UserId { get; } = Guid.NewGuid();

    public string UserDisplayName => "Emulator User";

    public string UserUniqueName => "emulator.user@example.com";

    /// <summary>Identity in the string form work-item fields and service-hook payloads carry.</summary>
    public string UserFieldValue => $"{UserDisplayName} <{UserUniqueName}>";

    /// <summary>Returns true when the project route value names the project, by name or id, case-insensitively.</summary>
    public bool IsProject(string? project) =>
        project is null
        || string.Equals(project, ProjectName, StringComparison.OrdinalIgnoreCase)
        || (Guid.TryParse(project, out var id) && id == ProjectId);

    private static string GeneratePat() =>
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(26)).Substring(0, 52);
}
