using AttachmentSync.Server;
using AttachmentSync.Server.Configuration;
using Microsoft.Extensions.Options;

AttachmentSyncApplication service;
try
{
    service = await AttachmentSyncApplication.StartAsync(args);
}
catch (Exception exception) when (exception is OptionsValidationException or InvalidOperationException)
{
    // A wrong setting: the message names the key and the allowed values; a stack trace adds nothing.
    Console.Error.WriteLine($"AttachmentSync did not start: {exception.Message}");
    return 1;
}

await using var running = service;
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
return 0;
