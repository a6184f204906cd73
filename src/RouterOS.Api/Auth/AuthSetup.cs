using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace RouterOS.Api.Auth;

/// <summary>Authentication (browser cookie or bearer token), the read/write policies, antiforgery and login rate limits.</summary>
public static class AuthSetup
{
    public const string LoginRateLimit = "login";

    public static IServiceCollection AddRouterAuth(this IServiceCollection services)
    {
        services.AddSingleton<SetupToken>();
        services.AddAuthentication(AuthNames.CookieScheme)
            .AddCookie(AuthNames.CookieScheme, cookie =>
            {
                cookie.Cookie.Name = "routeros.session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = true;
                // An API answers 401/403; it does not redirect to a login page.
                cookie.Events.OnRedirectToLogin = context => Status(context, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => Status(context, StatusCodes.Status403Forbidden);
            })
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(AuthNames.TokenScheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthNames.ReadPolicy, policy => policy
                .AddAuthenticationSchemes(AuthNames.CookieScheme, AuthNames.TokenScheme)
                .RequireAuthenticatedUser())
            .AddPolicy(AuthNames.WritePolicy, policy => policy
                .AddAuthenticationSchemes(AuthNames.CookieScheme, AuthNames.TokenScheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => !context.User.HasClaim(c => c.Type == AuthNames.ScopeClaim)
                    || context.User.HasClaim(AuthNames.ScopeClaim, AuthNames.WritePolicy)));
        services.AddAntiforgery(antiforgery => antiforgery.HeaderName = AuthNames.AntiforgeryHeader);
        services.AddRateLimiter(limits =>
        {
            limits.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Guessing passwords from one address: ten tries a minute at most.
            limits.AddPolicy(LoginRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }

    private static Task Status(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
