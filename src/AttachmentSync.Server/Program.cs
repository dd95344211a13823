using AttachmentSync.AzureDevOps;
using AttachmentSync.Server;
using AttachmentSync.Server.Configuration;
using Microsoft.AspNetCore.Connections;
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
catch (IOException exception) when (exception.InnerException is AddressInUseException)
{
    Console.Error.WriteLine($"AttachmentSync did not start: {exception.Message} " +
                            "Stop the other process or choose another address, for example --urls http://127.0.0.1:5081");
    return 1;
}

await using var running = service;
var baseAddress = service.BaseAddress;

if (service.Emulator is { } emulator)
{
    var webhookUrl = new Uri(baseAddress, "/api/webhooks/workitem");
    var secret = service.App.Services.GetRequiredService<IOptions<WebhookOptions>>().Value.Secret;
    IReadOnlyList<int> ids;
    try
    {
        ids = await emulator.SeedAsync(service.App.Services, webhookUrl, secret, CancellationToken.None);
    }
    catch (AdoApiException exception)
    {
        // Settings the emulator rejects, such as an AzureDevOps:ApiVersion out of its range, end here.
        Console.Error.WriteLine($"AttachmentSync did not start: the in-process emulator rejected the demo set-up: {exception.Message}");
        emulator.DeleteRunDirectory();
        return 1;
    }

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
    var storage = service.App.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
    Console.WriteLine($"AttachmentSync listening on {baseAddress}");
    Console.WriteLine($"Database: {Path.GetFullPath(storage.DatabasePath)}; content store: {Path.GetFullPath(storage.ContentPath)}");
}

await service.App.WaitForShutdownAsync();
return 0;
