// Standalone tus endpoint for client suites. Serves tus at /files with the options of the "Tus" configuration
// section, for example: --urls http://127.0.0.1:0 --Tus:Directory=/tmp/uploads --Tus:Expiration=00:00:05
// Prints "tus test host listening on <address>" once it accepts requests.
using System.Security.Cryptography;
using AttachmentSync.Tus;
using AttachmentSync.Tus.Storage;
using AttachmentSync.Tus.TestHost;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddTus(builder.Configuration.GetSection(TusOptions.SectionName));
builder.Services.AddSingleton<CompletionCounter>();
builder.Services.AddSingleton<ITusCompletionHandler>(sp => sp.GetRequiredService<CompletionCounter>());

var app = builder.Build();
app.MapTus("/files");

// Test-only inspection: the SHA-256 of the stored bytes and how often the completion handler ran.
app.MapGet("/test/uploads/{id}", async (string id, ITusStore store, CompletionCounter completions) =>
{
    var upload = await store.GetUploadAsync(id, CancellationToken.None);
    if (upload is null)
    {
        return Results.NotFound();
    }

    await using var data = await store.OpenReadAsync(id, CancellationToken.None);
    var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(data));
    return Results.Ok(new { upload.Offset, upload.Length, Sha256 = sha256, Completions = completions.CountFor(id) });
});

app.MapPost("/test/cleanup", async (TusMaintenance maintenance) =>
    Results.Ok(new { Removed = await maintenance.RemoveExpiredUploadsAsync(CancellationToken.None) }));

await app.StartAsync();
Console.WriteLine($"tus test host listening on {app.Urls.First()}");
await app.WaitForShutdownAsync();
