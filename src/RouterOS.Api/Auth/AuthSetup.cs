using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace RouterOS.Api.Auth;

/// <summary>Authentication (browser cookie or bearer token), the read/write policies, antiforgery; sign-in attempts are throttled by <see cref="SignInThrottle"/>.</summary>
public static class AuthSetup
{
    public static IServiceCollection AddRouterAuth(this IServiceCollection services)
    {
        services.AddSingleton<SetupToken>();
        services.AddSingleton<SignInThrottle>();
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
                // A session revoked, ended by a password change or signed out elsewhere signs nobody in.
                cookie.Events.OnValidatePrincipal = Sessions.ValidateAsync;
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
                    || context.User.HasClaim(AuthNames.ScopeClaim, AuthNames.WritePolicy)))
            .AddPolicy(AuthNames.SessionPolicy, policy => policy
                .AddAuthenticationSchemes(AuthNames.CookieScheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == AuthNames.CookieScheme)));
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.HeaderName = AuthNames.AntiforgeryHeader;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    private static Task Status(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
