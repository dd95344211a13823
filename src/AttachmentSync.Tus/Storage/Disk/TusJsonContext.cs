using System.Text.Json.Serialization;

namespace AttachmentSync.Tus.Storage.Disk;

/// <summary>
/// Source-generated JSON serialization of the info file.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(TusUpload))]
internal sealed partial class TusJsonContext : JsonSerializerContext;
