using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using RouterOS.Api.Contracts;
using RouterOS.Api.Http;
using RouterOS.Api.Store;

namespace RouterOS.Api.Auth;

/// <summary>"Authorization: Bearer ros_..." for automation: the token's hash is looked up in the store.</summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TokenStore tokens, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var token = header[BearerPrefix.Length..].Trim();
        if (!token.StartsWith(AuthNames.TokenPrefix, StringComparison.Ordinal))
            return AuthenticateResult.Fail("not a RouterOS API token");
        var hash = TokenHashing.Hash(token);
        var row = await tokens.FindByHashAsync(hash, Context.RequestAborted);
        if (row is null)
            return AuthenticateResult.Fail("unknown or revoked token");
        var now = time.GetUtcNow();
        if (row.ExpiresAt is { } expires && expires <= now)
            return AuthenticateResult.Fail($"the token {row.Name} expired at {expires:u}");
        // "Last used" to the minute is enough, and spares a database write on every request.
        if (row.LastUsedAt is not { } last || now - last > LastUsedResolution)
        {
            await tokens.UsedAsync(row.Name, now, Context.RequestAborted);
        }
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, row.Name),
            new Claim(Actors.SourceClaim, $"token:{row.Name}"),
            new Claim(AuthNames.ScopeClaim, row.Scope == TokenScope.Write ? AuthNames.WritePolicy : AuthNames.ReadPolicy),
        ], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}
