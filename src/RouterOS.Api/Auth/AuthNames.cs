namespace RouterOS.Api.Auth;

/// <summary>Names of the authentication schemes, policies and claims, in one place.</summary>
public static class AuthNames
{
    public const string CookieScheme = "RouterOS.Cookie";
    public const string TokenScheme = "RouterOS.Token";

    /// <summary>Any signed-in user, or a token of either scope.</summary>
    public const string ReadPolicy = "read";

    /// <summary>A signed-in user, or a token with write scope.</summary>
    public const string WritePolicy = "write";

    /// <summary>A signed-in browser, not a token: for the account's own settings.</summary>
    public const string SessionPolicy = "session";

    public const string ScopeClaim = "routeros:scope";

    /// <summary>The header a browser session sends its antiforgery token in.</summary>
    public const string AntiforgeryHeader = "X-XSRF-TOKEN";

    /// <summary>The one administrator account.</summary>
    public const string AdminUser = "admin";

    /// <summary>Every API token starts with this, so one pasted in the wrong place is recognisable.</summary>
    public const string TokenPrefix = "ros_";
}
