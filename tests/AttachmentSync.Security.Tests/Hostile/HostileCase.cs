namespace AttachmentSync.Security.Tests.Hostile;

/// <summary>What a hostile request must get back.</summary>
public enum Expect
{
    /// <summary>A 4xx with ProblemDetails.</summary>
    ClientError,

    /// <summary>A 2xx: the input is valid, however odd.</summary>
    Success,

    /// <summary>A 2xx, or a 4xx with ProblemDetails.</summary>
    Handled,

    /// <summary>A 4xx without a body: written by Kestrel before the application runs, or the response to HEAD.</summary>
    NoBody,
}

/// <summary>One hostile request: a name, its expected outcome and, optionally, the exact status.</summary>
public sealed record HostileCase(
    string Name, Expect Expect, Func<HostileHost, Task<HttpRequestMessage>> Build, int? Status = null)
{
    public static HostileCase Of(string name, Expect expect, Func<HostileHost, HttpRequestMessage> build, int? status = null) =>
        new(name, expect, host => Task.FromResult(build(host)), status);
}
