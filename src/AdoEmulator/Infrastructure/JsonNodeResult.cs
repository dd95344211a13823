using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdoEmulator.Infrastructure;

/// <summary>Writes a JSON node with a status code and <c>application/json; charset=utf-8</c>.</summary>
internal sealed class JsonNodeResult(JsonNode? body, int statusCode, string? location = null) : IResult
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json; charset=utf-8";

        if (location is not null)
        {
            response.Headers.Location = location;
        }

        await using var writer = new Utf8JsonWriter(response.Body);
        if (body is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            body.WriteTo(writer, Options);
        }

        await writer.FlushAsync(httpContext.RequestAborted);
    }
}
