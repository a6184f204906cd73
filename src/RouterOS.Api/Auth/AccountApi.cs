using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using RouterOS.Api.Contracts;
using RouterOS.Api.Http;
using RouterOS.Api.Store;

namespace RouterOS.Api.Auth;

/// <summary>
/// The signed-in admin's own account: the password, and the browsers signed in. Browser sessions
/// only (like tokens), so a stolen API token can neither change the password nor see who is signed in.
/// </summary>
public static class AccountApi
{
    public static RouteGroupBuilder MapAccountApi(this RouteGroupBuilder api)
    {
        var account = api.MapGroup("/auth").WithTags("Auth")
            .RequireReadAndWritePolicies()
            .RequireAuthorization(AuthNames.SessionPolicy);
        account.MapPost("/password", ChangePasswordAsync).Accepts<PasswordChangeRequest>("application/json")
            .WithSummary("Change the password (the current one is required); every other browser session is signed out.");
        account.MapGet("/sessions", ListAsync).WithSummary("The browsers signed in, this one marked current.");
        account.MapDelete("/sessions", RevokeAllAsync).WithSummary("Sign out everywhere: every browser session of this account ends, this one too.");
        account.MapDelete("/sessions/{id}", RevokeAsync).WithSummary("End a browser's session: it is signed out at its next request.");
        return api;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ChangePasswordAsync(
        HttpContext http, UserStore users, SignInThrottle throttle, CancellationToken cancellationToken)
    {
        var request = await BodyReader.ReadAsync(http.Request, ApiJsonContext.Default.PasswordChangeRequest, cancellationToken);
        Passwords.Check(request.NewPassword, "newPassword");
        var user = await users.FindAsync(Actors.Of(http).Name, cancellationToken)
            ?? throw new ConflictException("No such account", "the signed-in account no longer exists");
        // Guessing the current password from an unattended browser is throttled like signing in.
        var slot = throttle.TryBegin(http.Connection.RemoteIpAddress, user.Username);
        if (!slot.IsGranted)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(slot.Wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem("too many wrong passwords; try again later", statusCode: StatusCodes.Status429TooManyRequests, title: "Throttled");
        }
        if (Passwords.Verify(user, request.CurrentPassword) == PasswordVerificationResult.Failed)
        {
            throttle.Failed(slot);
            return TypedResults.Problem("currentPassword: the current password is wrong", statusCode: StatusCodes.Status403Forbidden, title: "Wrong password");
        }
        throttle.Succeeded(slot);
        await users.ChangePasswordAsync(user.Username, Passwords.Hash(user, request.NewPassword), Sessions.IdOf(http.User), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<List<SessionInfo>>> ListAsync(HttpContext http, SessionStore sessions, TimeProvider time, CancellationToken cancellationToken)
    {
        var name = Actors.Of(http).Name;
        var current = Sessions.IdOf(http.User);
        var since = time.GetUtcNow() - Sessions.IdleLifetime;
        var rows = await sessions.OfUserAsync(name, cancellationToken);
        return TypedResults.Ok(rows.Where(s => s.LastSeenAt >= since).OrderByDescending(s => s.LastSeenAt)
            .Select(s => new SessionInfo(s.Id, s.CreatedAt, s.LastSeenAt, s.RemoteAddress, s.UserAgent, s.Id == current)).ToList());
    }

    private static async Task<NoContent> RevokeAllAsync(HttpContext http, SessionStore sessions, CancellationToken cancellationToken)
    {
        var name = Actors.Of(http).Name;
        foreach (var session in await sessions.OfUserAsync(name, cancellationToken))
            await sessions.RevokeAsync(session.Id, name, cancellationToken);
        await http.SignOutAsync(AuthNames.CookieScheme);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, NotFound>> RevokeAsync(string id, HttpContext http, SessionStore sessions, CancellationToken cancellationToken) =>
        await sessions.RevokeAsync(id, Actors.Of(http).Name, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
}
