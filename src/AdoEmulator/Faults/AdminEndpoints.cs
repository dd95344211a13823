using System.Text.Json;
using System.Text.Json.Serialization;
using AdoEmulator.Infrastructure;

namespace AdoEmulator.Faults;

/// <summary>
/// The emulator's own admin API under <c>/_emulator</c>, authorized by the PAT or the admin key:
/// <c>GET|POST|DELETE /_emulator/faults</c>, <c>DELETE /_emulator/faults/{id}</c>, <c>GET|DELETE /_emulator/counters</c>.
/// </summary>
internal static class AdminEndpoints
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup(AdminRoutes.Prefix);
        admin.MapGet("/faults", (FaultRegistry faults) => Results.Json(faults.Rules(), Json));
        admin.MapPost("/faults", AddAsync);
        admin.MapDelete("/faults", (FaultRegistry faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        admin.MapDelete("/faults/{id:guid}", (FaultRegistry faults, Guid id) =>
            faults.Remove(id) ? Results.NoContent() : Results.NotFound());
        admin.MapGet("/counters", (RequestCounters counters) => Results.Json(new
        {
            requests = counters.Snapshot(),
            totalRequests = counters.TotalRequests,
            attachmentBytesReceived = counters.AttachmentBytesReceived,
        }, Json));
        admin.MapDelete("/counters", (RequestCounters counters) =>
        {
            counters.Reset();
            return Results.NoContent();
        });
    }

    private static async Task<IResult> AddAsync(HttpContext context, FaultRegistry faults)
    {
        FaultRule? rule;
        try
        {
            rule = await JsonSerializer.DeserializeAsync<FaultRule>(context.Request.Body, Json, context.RequestAborted);
        }
        catch (JsonException exception)
        {
            return AdoErrors.BadRequest(
                $"The fault rule is invalid: {exception.Message}. Expected kind (one of {string.Join(", ", Enum.GetNames<FaultKind>())}).")
                .ToResult();
        }

        if (rule is null || rule.Probability is < 0 or > 1)
        {
            return AdoErrors.BadRequest("The fault rule needs a kind and a probability between 0 and 1.").ToResult();
        }

        return Results.Json(faults.Add(rule), Json, statusCode: 201);
    }
}
