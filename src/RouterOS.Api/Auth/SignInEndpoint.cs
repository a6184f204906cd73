using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using RouterOS.Api.Http;
using RouterOS.Api.Store;

namespace RouterOS.Api.Auth;

/// <summary>POST /auth/login: the password checked under <see cref="SignInThrottle"/>, the session cookie on success.</summary>
internal static class SignInEndpoint
{
    /// <summary>The audit log's source for sign-in attempts that reached the password check.</summary>
    public const string AuditSource = "sign-in";

    public static async Task<Results<NoContent, ProblemHttpResult>> LoginAsync(
        HttpContext http, UserStore users, SignInThrottle throttle, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var request = await BodyReader.ReadAsync(http.Request, ApiJsonContext.Default.LoginRequest, cancellationToken);
        var user = await users.FindAsync(request.Username, cancellationToken);
        var remote = http.Connection.RemoteIpAddress;
        var slot = throttle.TryBegin(remote, user?.Username);
        if (!slot.IsGranted)
        {
            var seconds = (int)Math.Ceiling(slot.Wait.TotalSeconds);
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            var who = slot.AccountThrottled ? "this account" : "this address";
            return TypedResults.Problem($"too many failed sign-ins from {who}; try again in {seconds} s", statusCode: StatusCodes.Status429TooManyRequests, title: "Sign-in throttled");
        }
        var verdict = user is null ? PasswordVerificationResult.Failed : Passwords.Verify(user, request.Password);
        // The attempt is a real action, audited under the account it tried (refused ones stay anonymous).
        http.User = AttemptBy(user?.Username ?? "unknown-user");
        if (verdict == PasswordVerificationResult.Failed)
        {
            throttle.Failed(slot);
            SignInLog.Failed(logs.CreateLogger(typeof(SignInEndpoint)), SignInThrottle.SourceKey(remote), user?.Username ?? "(unknown user)");
            // One message for a wrong name and a wrong password, so neither can be probed.
            return TypedResults.Problem("wrong username or password", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
        }
        throttle.Succeeded(slot);
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await users.RehashAsync(user!.Username, Passwords.Hash(user, request.Password), cancellationToken);
        }
        var principal = await Sessions.StartAsync(http, user!.Username, cancellationToken);
        await http.SignInAsync(AuthNames.CookieScheme, principal);
        http.User = principal;
        return TypedResults.NoContent();
    }

    private static ClaimsPrincipal AttemptBy(string username) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, username), new Claim(Actors.SourceClaim, AuditSource)], AuditSource));
}

internal static partial class SignInLog
{
    [LoggerMessage(LogLevel.Warning, "Failed sign-in from {Source} as {Account}")]
    public static partial void Failed(ILogger logger, string source, string account);
}
