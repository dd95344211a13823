using System.Text.Json.Nodes;

namespace AdoEmulator.Infrastructure;

/// <summary>
/// Error in the Azure DevOps envelope <c>{"$id","innerException","message","typeName","typeKey","errorCode","eventId"}</c>.
/// </summary>
internal sealed record AdoError(int StatusCode, string TypeKey, string TypeName, string Message, int EventId = 3000)
{
    public JsonObject ToJson() => new()
    {
        ["$id"] = "1",
        ["innerException"] = null,
        ["message"] = Message,
        ["typeName"] = TypeName,
        ["typeKey"] = TypeKey,
        ["errorCode"] = 0,
        ["eventId"] = EventId,
    };

    public IResult ToResult() => new JsonNodeResult(ToJson(), StatusCode);

    public Task WriteAsync(HttpContext context) => ToResult().ExecuteAsync(context);
}
