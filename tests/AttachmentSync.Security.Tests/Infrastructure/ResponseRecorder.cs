using System.Collections.Concurrent;
using System.Net;

namespace AttachmentSync.Security.Tests.Infrastructure;

/// <summary>Buffers and keeps every response a test client receives: status, headers and body.</summary>
public sealed class ResponseRecorder : DelegatingHandler
{
    private readonly ConcurrentQueue<RecordedResponse> _responses = new();

    public ResponseRecorder()
        : base(new SocketsHttpHandler { AllowAutoRedirect = false })
    {
    }

    public IReadOnlyCollection<RecordedResponse> Responses => _responses;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = string.Join('\n', response.Headers.Concat(response.Content.Headers)
            .Select(header => $"{header.Key}: {string.Join(", ", header.Value)}"));
        _responses.Enqueue(new RecordedResponse(
            $"{request.Method} {request.RequestUri?.PathAndQuery}", response.StatusCode, headers, body));
        return response;
    }
}

/// <summary>One response seen by a test client.</summary>
public sealed record RecordedResponse(string Request, HttpStatusCode Status, string Headers, byte[] Body);
