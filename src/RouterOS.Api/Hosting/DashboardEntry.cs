using RouterOS.Api.Auth;

namespace RouterOS.Api.Hosting;

/// <summary>
/// The router's address opened by a browser nobody is signed in on goes straight to the page it
/// needs: setup while the router has no administrator, else sign-in. The dashboard would get there
/// by itself, but only after it started and asked the API for the session: answered here, its
/// first render is already the form. Only "/" is sent on: a deep link keeps its address for the
/// app, which sends it to sign-in itself.
/// </summary>
public static class DashboardEntry
{
    public static IApplicationBuilder UseDashboardEntry(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            if (!HttpMethods.IsGet(http.Request.Method) || http.Request.Path != "/" || http.User.Identity?.IsAuthenticated == true)
                return next(http);
            var setupPending = http.RequestServices.GetRequiredService<SetupToken>().Value is not null;
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Redirect(setupPending ? "/setup" : "/login");
            return Task.CompletedTask;
        });
}
