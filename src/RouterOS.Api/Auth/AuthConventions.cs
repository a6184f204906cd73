using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using RouterOS.Api.Http;

namespace RouterOS.Api.Auth;

public static class AuthConventions
{
    /// <summary>
    /// Reading needs the read policy; anything that changes state (every method but GET, HEAD and
    /// OPTIONS) needs the write policy too, and from a browser session a valid antiforgery token; so
    /// does a read marked AuditedRead (a backup, which carries the secrets).
    /// Applied to the whole API group, so no endpoint can forget it.
    /// </summary>
    public static RouteGroupBuilder RequireReadAndWritePolicies(this RouteGroupBuilder group)
    {
        group.RequireAuthorization(AuthNames.ReadPolicy);
        // Finally: after the endpoint's own conventions, so a ChangesNothing mark is already there.
        ((IEndpointConventionBuilder)group).Finally(endpoint =>
        {
            var methods = endpoint.Metadata.OfType<HttpMethodMetadata>().SelectMany(m => m.HttpMethods);
            if ((methods.Any(m => !SafeMethods.IsSafe(m)) && !endpoint.Metadata.OfType<ChangesNothingMetadata>().Any())
                || endpoint.Metadata.OfType<AuditedReadMetadata>().Any())
                endpoint.Metadata.Add(new AuthorizeAttribute(AuthNames.WritePolicy));
        });
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!SafeMethods.ReadsOnly(http) && http.User.Identity?.AuthenticationType == AuthNames.CookieScheme)
            {
                var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
                if (!await antiforgery.IsRequestValidAsync(http))
                    throw new BadRequestException($"a browser session must send its antiforgery token in the {AuthNames.AntiforgeryHeader} header (GET /api/v1/auth/antiforgery)");
            }
            return await next(context);
        });
        return group;
    }
}
