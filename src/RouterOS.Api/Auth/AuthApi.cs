using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RouterOS.Api.Http;
using RouterOS.Api.Store;

namespace RouterOS.Api.Auth;

/// <summary>First-run setup, sign-in and sign-out for the dashboard.</summary>
public static class AuthApi
{
    public const int MinPasswordLength = 10;
    public const int MaxPasswordLength = 256;

    /// <summary>Failed sign-ins in a row before the account locks, and for how long.</summary>
    public const int LockoutAfter = 5;
    public static readonly TimeSpan LockoutFor = TimeSpan.FromMinutes(5);

    private static readonly PasswordHasher<UserRow> Hasher = new();

    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        api.MapPost("/setup", SetupAsync).Accepts<SetupRequest>("application/json").AllowAnonymous().WithTags("Auth").WithSummary("Set the admin password with the one-time setup token.");
        var auth = api.MapGroup("/auth").WithTags("Auth");
        auth.MapPost("/login", LoginAsync).Accepts<LoginRequest>("application/json").AllowAnonymous().RequireRateLimiting(AuthSetup.LoginRateLimit).WithSummary("Sign in; sets the session cookie.");
        auth.MapPost("/logout", (Delegate)LogoutAsync).AllowAnonymous().WithSummary("Sign out.");
        auth.MapGet("/me", Me).RequireAuthorization(AuthNames.ReadPolicy).WithSummary("Who this request is from.");
        auth.MapGet("/session", Session).AllowAnonymous().WithSummary("Whether this browser is signed in, and whether first-run setup is still to do (never 401: a sign-in page asks it).");
        auth.MapGet("/antiforgery", Antiforgery).RequireAuthorization(AuthNames.ReadPolicy).WithSummary("The token a browser session sends in X-XSRF-TOKEN with every change.");
        return api;
    }

    private static async Task<Results<Created, ProblemHttpResult>> SetupAsync(HttpContext http, RouterDbContext db, SetupToken setup, TimeProvider time, CancellationToken cancellationToken)
    {
        var request = await BodyReader.ReadAsync(http.Request, ApiJsonContext.Default.SetupRequest, cancellationToken);
        if (await db.Users.AnyAsync(cancellationToken))
            throw new ConflictException("Already set up", "the admin password is set; sign in instead");
        CheckPassword(request.Password);
        if (!setup.TryRedeem(request.Token))
            return TypedResults.Problem("the setup token is wrong; it is the line 'Setup token: ...' in the API's output", statusCode: StatusCodes.Status403Forbidden, title: "Wrong setup token");
        var admin = new UserRow { Username = AuthNames.AdminUser, PasswordHash = "", CreatedAt = time.GetUtcNow() };
        admin.PasswordHash = Hasher.HashPassword(admin, request.Password);
        db.Users.Add(admin);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> LoginAsync(HttpContext http, RouterDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var request = await BodyReader.ReadAsync(http.Request, ApiJsonContext.Default.LoginRequest, cancellationToken);
        var user = await db.Users.FindAsync([request.Username], cancellationToken);
        var now = time.GetUtcNow();
        if (user?.LockedUntil is { } locked && locked > now)
            return TypedResults.Problem($"too many failed sign-ins; try again after {locked:u}", statusCode: StatusCodes.Status429TooManyRequests, title: "Account locked");
        var verdict = user is null ? PasswordVerificationResult.Failed : Hasher.VerifyHashedPassword(user, user.PasswordHash, request.Password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            if (user is not null && ++user.FailedLogins >= LockoutAfter)
            {
                user.LockedUntil = now + LockoutFor;
                user.FailedLogins = 0;
            }
            await db.SaveChangesAsync(cancellationToken);
            // One message for a wrong name and a wrong password, so neither can be probed.
            return TypedResults.Problem("wrong username or password", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
        }
        user!.FailedLogins = 0;
        user.LockedUntil = null;
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
            user.PasswordHash = Hasher.HashPassword(user, request.Password);
        await db.SaveChangesAsync(cancellationToken);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Username), new Claim(Actors.SourceClaim, "ui")], AuthNames.CookieScheme);
        await http.SignInAsync(AuthNames.CookieScheme, new ClaimsPrincipal(identity));
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> LogoutAsync(HttpContext http)
    {
        await http.SignOutAsync(AuthNames.CookieScheme);
        return TypedResults.NoContent();
    }

    private static Ok<WhoAmI> Me(HttpContext http) => TypedResults.Ok(WhoAmIOf(http));

    private static Ok<SessionView> Session(HttpContext http, SetupToken setup) =>
        TypedResults.Ok(new SessionView(http.User.Identity?.IsAuthenticated == true ? WhoAmIOf(http) : null, setup.Value is not null));

    private static WhoAmI WhoAmIOf(HttpContext http)
    {
        var actor = Actors.Of(http);
        var canWrite = !http.User.HasClaim(c => c.Type == AuthNames.ScopeClaim) || http.User.HasClaim(AuthNames.ScopeClaim, AuthNames.WritePolicy);
        return new WhoAmI(actor.Name, actor.Source, canWrite);
    }

    private static Ok<AntiforgeryView> Antiforgery(HttpContext http, IAntiforgery antiforgery) =>
        TypedResults.Ok(new AntiforgeryView(AuthNames.AntiforgeryHeader, antiforgery.GetAndStoreTokens(http).RequestToken!));

    private static void CheckPassword(string password)
    {
        if (password.Length is < MinPasswordLength or > MaxPasswordLength)
            throw new BadRequestException($"a password needs {MinPasswordLength} to {MaxPasswordLength} characters");
    }
}
