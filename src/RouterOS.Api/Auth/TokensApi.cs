using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using RouterOS.Api.Contracts;
using RouterOS.Api.Http;
using RouterOS.Api.Store;
using RouterOS.Domain.Values;

namespace RouterOS.Api.Auth;

/// <summary>
/// API tokens for automation: created (shown once), listed, revoked. Only a signed-in user may
/// manage them, so a token can never mint a stronger one.
/// </summary>
public static class TokensApi
{
    public static RouteGroupBuilder MapTokensApi(this RouteGroupBuilder api)
    {
        var tokens = api.MapGroup("/tokens").WithTags("Tokens")
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = AuthNames.CookieScheme });
        tokens.MapPost("/", CreateAsync).Accepts<TokenRequest>("application/json").WithSummary("Create a token, optionally expiring; the answer holds it, this once.");
        tokens.MapGet("/", ListAsync).WithSummary("The tokens, without their secrets.");
        tokens.MapDelete("/{name}", RevokeAsync).WithSummary("Revoke a token.");
        return api;
    }

    private static async Task<Created<CreatedToken>> CreateAsync(HttpContext http, TokenStore tokens, TimeProvider time, CancellationToken cancellationToken)
    {
        var request = await BodyReader.ReadAsync(http.Request, ApiJsonContext.Default.TokenRequest, cancellationToken);
        if (!ObjectName.TryParse(request.Name, out _, out var problem))
            throw new BadRequestException($"name: {problem}");
        var now = time.GetUtcNow();
        if (request.ExpiresAt is { } expires && expires <= now)
            throw new BadRequestException("expiresAt: must be in the future (or omitted: valid until revoked)");
        var token = TokenHashing.NewToken();
        var added = await tokens.TryAddAsync(new ApiTokenRow
        {
            Name = request.Name,
            Hash = TokenHashing.Hash(token),
            Scope = request.Scope,
            CreatedAt = now,
            CreatedBy = Actors.Of(http).Name,
            ExpiresAt = request.ExpiresAt,
        }, cancellationToken);
        if (!added)
            throw new ConflictException("Name taken", $"a token named {request.Name} exists; revoke it first or pick another name");
        return TypedResults.Created($"/api/v1/tokens/{request.Name}", new CreatedToken(request.Name, request.Scope, token, request.ExpiresAt));
    }

    private static async Task<Ok<List<TokenView>>> ListAsync(TokenStore tokens, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rows = await tokens.ListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(t => new TokenView(t.Name, t.Scope, t.CreatedAt, t.CreatedBy, t.LastUsedAt, t.ExpiresAt, t.ExpiresAt <= now)).ToList());
    }

    private static async Task<Results<NoContent, NotFound>> RevokeAsync(string name, TokenStore tokens, CancellationToken cancellationToken) =>
        await tokens.DeleteAsync(name, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
}
