using System.Diagnostics;
using System.Text.RegularExpressions;

namespace AdoEmulator.Tests;

/// <summary>Runs the emulator as its own process, as <c>dotnet AdoEmulator.dll --urls …</c> does.</summary>
public sealed partial class StandaloneTests
{
    [Fact]
    public async Task Generated_pat_is_printed_at_start()
    {
        var (output, _) = await RunUntilStartedAsync(null);
        Assert.Matches(OrganizationLine(), output);
        Assert.Matches(@"PAT: [0-9a-f]{52}", output);
    }

    [Fact]
    public async Task Configured_pat_is_not_printed()
    {
        var (output, _) = await RunUntilStartedAsync("configured-secret-pat");
        Assert.Matches(OrganizationLine(), output);
        Assert.DoesNotContain("configured-secret-pat", output);
        Assert.DoesNotContain("PAT:", output);
    }

    [Fact]
    public async Task Invalid_option_fails_start_with_key_name()
    {
        var start = StartInfo(null);
        start.Environment["Emulator__MaxAttachmentSize"] = "0";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("Emulator:MaxAttachmentSize", output);
    }

    private static async Task<(string Output, int ExitCode)> RunUntilStartedAsync(string? pat)
    {
        using var process = Process.Start(StartInfo(pat))!;
        var output = "";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline && !output.Contains("Project:", StringComparison.Ordinal))
        {
            var line = await process.StandardOutput.ReadLineAsync();
            if (line is null)
            {
                break;
            }

            output += line + "\n";
        }

        // Read one more line so a PAT line printed after the project line is captured.
        var next = process.StandardOutput.ReadLineAsync();
        if (await Task.WhenAny(next, Task.Delay(500)) == next)
        {
            output += next.Result + "\n";
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        return (output, process.ExitCode);
    }

    private static ProcessStartInfo StartInfo(string? pat)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "AdoEmulator.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", "http://127.0.0.1:0" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["Emulator__Pat"] = pat ?? "";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        return start;
    }

    [GeneratedRegex(@"Organization URL: http://127\.0\.0\.1:\d+/emulator")]
    private static partial Regex OrganizationLine();
}
