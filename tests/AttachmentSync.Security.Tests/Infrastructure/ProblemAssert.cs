using System.Net;
using System.Text.Json;

namespace AttachmentSync.Security.Tests.Infrastructure;

/// <summary>Checks that a response is RFC 7807 ProblemDetails with the expected status and a readable detail.</summary>
public static class ProblemAssert
{
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return ParseProblem(response, body);
    }

    /// <summary>Checks a 4xx ProblemDetails whatever the exact status.</summary>
    public static async Task<JsonElement> IsClientErrorAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        Assert.True(status is >= 400 and < 500, $"Expected a 4xx, got {status}: {body}");
        return ParseProblem(response, body);
    }

    private static JsonElement ParseProblem(HttpResponseMessage response, string body)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(body);
        var problem = document.RootElement.Clone();
        Assert.Equal((int)response.StatusCode, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), $"No title: {body}");
        return problem;
    }
}
