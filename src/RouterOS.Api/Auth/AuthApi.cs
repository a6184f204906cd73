using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using RouterOS.Api.Contracts;
using RouterOS.Api.Http;
using RouterOS.Api.Store;

namespace RouterOS.Api.Auth;

/// <summary>First-run setup, sign-in and sign-out for the dashboard.</summary>
public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        api.MapPost("/setup", SetupAsync).Accepts<SetupRequest>("application/json").AllowAnonymous().WithTags("Auth").WithSummary("Set the admin password with the one-time setup token.");
        var auth = api.MapGroup("/auth").WithTags("Auth");
        auth.MapPost("/login", SignInEndpoint.LoginAsync).Accepts<LoginRequest>("application/json").AllowAnonymous().WithSummary("Sign in; sets the session cookie. Failures from one address (IPv6: one /64) or for one account are throttled with a growing wait: 429 with Retry-After.");
        auth.MapPost("/logout", LogoutAsync).AllowAnonymous().WithSummary("Sign out.");
        auth.MapGet("/me", Me).RequireAuthorization(AuthNames.ReadPolicy).WithSummary("Who this request is from.");
        auth.MapGet("/session", Session).AllowAnonymous().WithSummary("Whether this browser is signed in, and whether first-run setup is still to do (never 401: a sign-in page asks it).");
        auth.MapGet("/antiforgery", Antiforgery).RequireAuthorization(AuthNames.ReadPolicy).WithSummary("The token a browser session sends in X-XSRF-TOKEN with every change.");
        return api;
    }

    private static async Task<Results<Created, ProblemHttpResult>> SetupAsync(HttpContext http, UserStore users, SetupToken setup, TimeProvider time, CancellationToken cancellationToken)
    {
        var request = await BodyReader.ReadAsync(http.Request, ApiJsonContext.Default.SetupRequest, cancellationToken);
        if (await users.AnyAsync(cancellationToken))
            throw new ConflictException("Already set up", "the admin password is set; sign in instead");
        Passwords.Check(request.Password);
        if (!setup.Matches(request.Token))
            return TypedResults.Problem("the setup token is wrong; it is the line 'Setup token: ...' in the API's output", statusCode: StatusCodes.Status403Forbidden, title: "Wrong setup token");
        var admin = new UserRow { Username = AuthNames.AdminUser, PasswordHash = "", CreatedAt = time.GetUtcNow() };
        admin.PasswordHash = Passwords.Hash(admin, request.Password);
        // Not added: another setup with the token won the race.
        if (!await users.TryAddAsync(admin, cancellationToken))
            throw new ConflictException("Already set up", "the admin password is set; sign in instead");
        // Only now: a setup that failed to save leaves the token usable for another try.
        setup.Spend();
        return TypedResults.Created();
    }

    private static async Task<NoContent> LogoutAsync(HttpContext http, CancellationToken cancellationToken)
    {
        await Sessions.EndAsync(http, cancellationToken);
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
}
