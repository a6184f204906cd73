using System.Security.Claims;
using RouterOS.Api.Commits;

namespace RouterOS.Api.Http;

/// <summary>Who is making a request, for revisions and the audit log.</summary>
public static class Actors
{
    /// <summary>The claim that says how a user came in: "ui" (cookie) or "token:NAME".</summary>
    public const string SourceClaim = "routeros:source";

    public static Actor Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var user = http.User;
        if (user.Identity?.IsAuthenticated != true)
            return new Actor("anonymous", "api");
        return new Actor(user.FindFirstValue(ClaimTypes.Name) ?? "unknown", user.FindFirstValue(SourceClaim) ?? "api");
    }
}
