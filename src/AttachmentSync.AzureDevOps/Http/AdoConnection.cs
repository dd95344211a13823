using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace AttachmentSync.AzureDevOps.Http;

/// <summary>
/// The typed HttpClient behind every Azure DevOps call: sends a request, and turns failures of any kind
/// (status, HTML sign-in page, timeout, broken connection) into <see cref="AdoApiException"/>.
/// </summary>
public sealed class AdoConnection(HttpClient http, IOptions<AzureDevOpsOptions> options, TimeProvider timeProvider)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public AdoUrlBuilder Urls { get; } = new(
        options.Value.OrganizationUrl ?? throw new InvalidOperationException("AzureDevOps:OrganizationUrl is not set."),
        options.Value.Project,
        options.Value.ApiVersion);

    public AzureDevOpsOptions Options => options.Value;

    /// <summary>Sends a request and returns the successful response with its body still unread.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new AdoApiException(AdoErrorKind.Transient, null,
                $"{request.Method} {request.RequestUri?.AbsolutePath} failed: {exception.Message}", innerException: exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AdoApiException(AdoErrorKind.Transient, null,
                $"{request.Method} {request.RequestUri?.AbsolutePath} timed out.", innerException: exception);
        }

        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await AdoErrorReader.ReadAsync(response, timeProvider.GetUtcNow(), cancellationToken);
            }
        }

        if (AdoErrorReader.IsHtml(response.Content.Headers))
        {
            using (response)
            {
                throw AdoErrorReader.SignInPage(response);
            }
        }

        return response;
    }

    /// <summary>Sends a request and reads its JSON body.</summary>
    public async Task<T> SendForJsonAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, cancellationToken);
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                ?? throw new JsonException("The body was the JSON literal null.");
        }
        catch (JsonException exception)
        {
            throw new AdoApiException(AdoErrorKind.Transient, response.StatusCode,
                $"{request.Method} {request.RequestUri?.AbsolutePath} returned a body that is not the expected JSON: " +
                exception.Message, innerException: exception);
        }
    }

    public static JsonContent JsonBody<T>(T value, string mediaType = "application/json") =>
        JsonContent.Create(value, new MediaTypeHeaderValue(mediaType), Json);
}
