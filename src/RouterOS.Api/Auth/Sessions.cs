using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using RouterOS.Api.Http;
using RouterOS.Api.Store;

namespace RouterOS.Api.Auth;

/// <summary>
/// Browser sessions kept in the store, so the admin can list them and end one: the cookie carries
/// the session's id, and every request checks that its row still exists.
/// </summary>
internal static class Sessions
{
    public const string IdClaim = "routeros:session";

    /// <summary>A session unused this long is over (the cookie's sliding lifetime is the same).</summary>
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromHours(8);

    /// <summary>"Last seen" to the minute is enough, and spares a database write on every request.</summary>
    private static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    private const int MaxUserAgentLength = 200;

    /// <summary>Records a new session and returns the principal the cookie will carry.</summary>
    public static async Task<ClaimsPrincipal> StartAsync(HttpContext http, string username, CancellationToken cancellationToken)
    {
        var sessions = http.RequestServices.GetRequiredService<SessionStore>();
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var agent = http.Request.Headers.UserAgent.ToString();
        await sessions.StartAsync(new SessionRow
        {
            Id = id,
            Username = username,
            CreatedAt = now,
            LastSeenAt = now,
            RemoteAddress = http.Connection.RemoteIpAddress?.ToString(),
            UserAgent = agent.Length > MaxUserAgentLength ? agent[..MaxUserAgentLength] : agent,
        }, idleBefore: now - IdleLifetime, cancellationToken);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, username), new Claim(Actors.SourceClaim, "ui"), new Claim(IdClaim, id)], AuthNames.CookieScheme);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The cookie handler's check on every request: a cookie whose session was ended (or which predates sessions) signs nobody in.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.FindFirstValue(IdClaim);
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionStore>();
        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var row = id is null ? null : await sessions.FindAsync(id, context.HttpContext.RequestAborted);
        if (row is null || now - row.LastSeenAt > IdleLifetime)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AuthNames.CookieScheme);
            return;
        }
        if (now - row.LastSeenAt > LastSeenResolution)
            await sessions.SeenAsync(row.Id, now, context.HttpContext.RequestAborted);
    }

    public static string? IdOf(ClaimsPrincipal user) => user.FindFirstValue(IdClaim);

    /// <summary>Ends this browser's session (sign-out).</summary>
    public static async Task EndAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (IdOf(http.User) is not { } id)
            return;
        await http.RequestServices.GetRequiredService<SessionStore>().EndAsync(id, cancellationToken);
    }
}
