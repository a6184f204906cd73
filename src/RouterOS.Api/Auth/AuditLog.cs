using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using RouterOS.Api.Http;
using RouterOS.Api.Store;

namespace RouterOS.Api.Auth;

/// <summary>Every write through the API is recorded: who, what, when, from which address, and how it ended.</summary>
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
            if (!SafeMethods.ReadsOnly(http))
                await RecordAsync(http);
        }
    });

    private static async Task RecordAsync(HttpContext http)
    {
        var actor = Actors.Of(http);
        var db = http.RequestServices.GetRequiredService<RouterDbContext>();
        db.ChangeTracker.Clear();
        db.Audit.Add(new AuditRow
        {
            At = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(),
            Actor = actor.Name,
            Source = actor.Source,
            Method = http.Request.Method,
            Path = http.Request.Path.Value ?? "",
            Status = http.Response.StatusCode,
            RemoteAddress = http.Connection.RemoteIpAddress?.ToString(),
        });
        await db.SaveChangesAsync(CancellationToken.None);
    }

    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", ListAsync).WithTags("Audit").WithSummary("The newest writes first.");
        return api;
    }

    private static async Task<Ok<List<AuditView>>> ListAsync(RouterDbContext db, CancellationToken cancellationToken, int skip = 0, int take = 100)
    {
        if (skip < 0 || take is < 1 or > 1000)
            throw new BadRequestException("skip must be 0 or more and take 1 to 1000");
        var rows = await db.Audit.OrderByDescending(a => a.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(a => new AuditView(a.At, a.Actor, a.Source, a.Method, a.Path, a.Status, a.RemoteAddress)).ToList());
    }
}
