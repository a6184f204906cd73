using Microsoft.AspNetCore.Http.HttpResults;
using RouterOS.Api.Contracts;
using RouterOS.Api.Http;
using RouterOS.Api.Store;

namespace RouterOS.Api.Auth;

/// <summary>
/// Every write through the API is recorded: who, what, when, from which address, and how it ended.
/// Refused anonymous requests are sampled and counted, and the log is capped (<see cref="AuditTrail"/>).
/// </summary>
public static class AuditLog
{
    public static IApplicationBuilder UseAuditLog(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (!http.Request.Path.StartsWithSegments("/api"))
        {
            await next(http);
            return;
        }
        try
        {
            await next(http);
        }
        finally
        {
            // After the response, so the status is known (and the endpoint, which may mark a POST as reading only).
            if (SafeMethods.Audited(http))
                await RecordAsync(http);
        }
    });

    private static Task RecordAsync(HttpContext http) => http.RequestServices.GetRequiredService<AuditTrail>().RecordAsync(http);

    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", ListAsync).WithTags("Audit").WithSummary("The newest writes first. Refused anonymous requests are sampled (source 'refused') and counted per minute (source 'refused-summary'); the oldest of those go first when the log reaches its cap.");
        return api;
    }

    private static async Task<Ok<List<AuditView>>> ListAsync(AuditStore store, CancellationToken cancellationToken, int skip = 0, int take = 100)
    {
        if (skip < 0 || take is < 1 or > 1000)
            throw new BadRequestException("skip must be 0 or more and take 1 to 1000");
        var rows = await store.ListAsync(skip, take, cancellationToken);
        return TypedResults.Ok(rows.Select(a => new AuditView(a.At, a.Actor, a.Source, a.Method, a.Path, a.Status, a.RemoteAddress,
            AuditWords.What(a.Method, a.Path, a.Source, a.Words), AuditWords.Result(a.Status, a.Method))).ToList());
    }
}
