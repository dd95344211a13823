using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace AdoEmulator.Hooks;

/// <summary>
/// Posts one payload to a subscriber with the subscription's custom headers (<c>Key:value</c> lines) and Basic
/// credentials. Returns the status code, or 0 with the error when no response came (connection failure, or 408 on
/// timeout).
/// </summary>
internal sealed class HookSender(IOptions<EmulatorOptions> options) : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public async Task<(int Status, string? Error)> SendAsync(HookSubscription subscription, string body, CancellationToken stopping)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Input("url"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };

        foreach (var line in subscription.Input("httpHeaders").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                request.Headers.TryAddWithoutValidation(line[..colon].Trim(), line[(colon + 1)..].Trim());
            }
        }

        var user = subscription.Input("basicAuthUsername");
        var password = subscription.Input("basicAuthPassword");
        if (user.Length + password.Length > 0)
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", token);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(options.Value.HookDeliveryTimeout);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return ((int)response.StatusCode, null);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return (408, "The subscriber did not answer within the delivery timeout.");
        }
        catch (HttpRequestException exception)
        {
            return (0, exception.Message);
        }
    }

    public void Dispose() => _client.Dispose();
}
