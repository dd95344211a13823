using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AttachmentSync.Tests.Infrastructure;

namespace AttachmentSync.Reliability.Tests.Infrastructure;

/// <summary>
/// The service as a real child process (<c>dotnet AttachmentSync.Server.dll</c> from its build output),
/// configured through environment variables, that a test can kill with its whole process tree and start
/// again on the same port, database and store.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 200;

    private readonly Dictionary<string, string> _environment;
    private readonly Queue<string> _output = new();
    private Process? _process;

    public ServiceProcess(Dictionary<string, string> environment)
    {
        _environment = environment;
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
    }

    public Uri BaseAddress { get; }

    /// <summary>Times the process was killed.</summary>
    public int Kills { get; private set; }

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_output)
            {
                return string.Join(Environment.NewLine, _output);
            }
        }
    }

    public static string ServerAssemblyPath
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}",
                StringComparison.Ordinal) ? "Release" : "Debug";
            return Path.Combine(RepositoryFiles.Root, "src", "AttachmentSync.Server", "bin", configuration, "net10.0",
                "AttachmentSync.Server.dll");
        }
    }

    /// <summary>Starts the process and waits until <c>/health</c> answers.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(ServerAssemblyPath)!,
        };
        start.ArgumentList.Add(ServerAssemblyPath);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseAddress.AbsoluteUri.TrimEnd('/'));
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilHealthyAsync();
    }

    /// <summary>Kills the process and everything it started, at once and without shutdown.</summary>
    public void Kill()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
        Kills++;
    }

    public async Task RestartAsync()
    {
        Kill();
        await StartAsync();
    }

    public ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException(
                    $"The service exited with code {_process.ExitCode} during start-up:{Environment.NewLine}{RecentOutput}");
            }

            try
            {
                using var response = await http.GetAsync("/health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but slow to answer on a busy machine.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The service did not become healthy in 60 s:{Environment.NewLine}{RecentOutput}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > KeptOutputLines)
            {
                _output.Dequeue();
            }
        }
    }
}
