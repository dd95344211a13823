using AttachmentSync.Server;
using AttachmentSync.Server.Configuration;
using Microsoft.Extensions.Options;

await using var service = await AttachmentSyncApplication.StartAsync(args);
var baseAddress = service.BaseAddress;

if (service.Emulator is { } emulator)
{
    var webhookUrl = new Uri(baseAddress, "/api/webhooks/workitem");
    var secret = service.App.Services.GetRequiredService<IOptions<WebhookOptions>>().Value.Secret;
    var ids = await emulator.SeedAsync(service.App.Services, webhookUrl, secret, CancellationToken.None);
    var host = emulator.Host;
    Console.WriteLine($"AttachmentSync listening on {baseAddress}");
    Console.WriteLine($"Azure DevOps emulator (in-process): {host.OrganizationUrl}  project {host.ProjectName}");
    Console.WriteLine($"Emulator PAT: {host.Pat}");
    var storage = service.App.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
    Console.WriteLine($"Work items {string.Join(", ", ids)} are ready; service hooks post to {webhookUrl}");
    Console.WriteLine($"Data of this run: {Path.GetDirectoryName(Path.GetFullPath(storage.DatabasePath))}");
    Console.WriteLine($"Try: curl -X POST --data-binary @README.md \"{baseAddress}api/sync/upload?workItemId={ids[0]}&fileName=README.md\"");
}
else
{
    Console.WriteLine($"AttachmentSync listening on {baseAddress}");
}

await service.App.WaitForShutdownAsync();
