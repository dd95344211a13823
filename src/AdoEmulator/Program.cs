using AdoEmulator;
using AdoEmulator.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddEmulator();
var app = builder.Build();
app.MapEmulator();

app.Lifetime.ApplicationStarted.Register(() =>
{
    var identity = app.Services.GetRequiredService<EmulatorIdentity>();
    foreach (var address in app.Urls)
    {
        Console.WriteLine($"Organization URL: {address.TrimEnd('/')}/{identity.Organization}");
    }

    Console.WriteLine($"Project: {identity.ProjectName} ({identity.ProjectId})");
    if (identity.PatWasGenerated)
    {
        // A generated PAT is printed once so that a user can call the emulator. A configured one is never printed.
        Console.WriteLine($"PAT: {identity.Pat}");
    }
});

await app.RunAsync();
