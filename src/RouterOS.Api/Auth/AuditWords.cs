using System.Text.RegularExpressions;

namespace RouterOS.Api.Auth;

/// <summary>
/// An audit row in words for the people who read the log: what was done and how it ended, from the
/// request's method and path (kept as they were for scripts), or the event's own sentence for rows the
/// router writes itself (<see cref="AuditTrail.EventMethod"/>).
/// </summary>
public static class AuditWords
{
    private const string Prefix = "/api/v1";

    // Most specific first: the first pattern that matches the path names the action.
    private static readonly (string Method, Regex Path, Func<Match, string> Words)[] Actions =
    [
        ("POST", AuthPath("login"), _ => "signed in"),
        ("POST", AuthPath("logout"), _ => "signed out"),
        ("POST", AuthPath("password"), _ => "changed the password"),
        ("DELETE", Exact(@"/auth/sessions"), _ => "signed out everywhere"),
        ("DELETE", Exact(@"/auth/sessions/[^/]+"), _ => "ended a browser session"),
        ("POST", Exact(@"/setup"), _ => "set the admin password (first-run setup)"),
        ("POST", Exact(@"/tokens/?"), _ => "created an API token"),
        ("DELETE", Exact(@"/tokens/(?<name>[^/]+)"), m => $"revoked the API token {Uri.UnescapeDataString(m.Groups["name"].Value)}"),
        ("POST", Exact(@"/commit/?"), _ => "committed the candidate"),
        ("POST", Exact(@"/commit/confirm"), _ => "confirmed the pending revision"),
        ("POST", Exact(@"/commit/rollback"), _ => "rolled back the pending revision"),
        ("POST", Exact(@"/revisions/(?<n>\d+)/rollback"), m => $"rolled back to revision {m.Groups["n"].Value}"),
        ("DELETE", Exact(@"/candidate/?"), _ => "discarded the edits"),
        ("PUT", Exact(@"/config"), _ => "replaced the whole candidate configuration"),
        ("POST", Exact(@"/system/upgrade"), _ => "uploaded a firmware upgrade"),
        ("POST", Exact(@"/system/reboot"), _ => "rebooted the router"),
        ("POST", Exact(@"/system/factory-reset"), _ => "reset the router to factory settings"),
        ("POST", Exact(@"/system/restore"), _ => "restored a backup"),
        ("DELETE", Exact(@"/flows/[^/]+"), _ => "ended a connection"),
        ("POST", Exact(@"/pppoe/(?<name>[^/]+)/reconnect"), m => $"reconnected PPPoE {Uri.UnescapeDataString(m.Groups["name"].Value)}"),
        ("PUT", Exact(@"/(?<section>[a-z0-9-]+(/[a-z0-9-]+)?)/(?<key>[^/]+)"), m => $"edited {Section(m)} {Uri.UnescapeDataString(m.Groups["key"].Value)}"),
        ("DELETE", Exact(@"/(?<section>[a-z0-9-]+(/[a-z0-9-]+)?)/(?<key>[^/]+)"), m => $"removed {Section(m)} {Uri.UnescapeDataString(m.Groups["key"].Value)}"),
        ("PUT", Exact(@"/(?<section>[a-z0-9-]+(/[a-z0-9-]+)?)/?"), m => $"edited {Section(m)}"),
    ];

    /// <summary>The action of an audit row in words.</summary>
    /// <param name="said">What the endpoint said the action did (<see cref="AuditTrail.WordsKey"/>), which wins when set.</param>
    public static string What(string method, string path, string source, string? said = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        if (said is { Length: > 0 })
            return said;
        if (method == AuditTrail.EventMethod || source == AuditTrail.SummarySource)
            return path;
        var relative = path.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? path[Prefix.Length..] : path;
        foreach (var (verb, pattern, words) in Actions)
        {
            if (!string.Equals(verb, method, StringComparison.OrdinalIgnoreCase))
                continue;
            var match = pattern.Match(relative);
            if (match.Success)
                return words(match);
        }
        return $"{method.ToLowerInvariant()} {relative}";
    }

    /// <summary>
    /// A rollback to revision <paramref name="target"/> in words: it commits that configuration again as a
    /// new revision, <paramref name="made"/>, which the path cannot know.
    /// </summary>
    public static string RolledBackTo(long target, long made) => $"rolled back to revision {target} (as revision {made})";

    /// <summary>A pending revision rolled back in words, with what the router runs instead (<see cref="RunsAgain"/>).</summary>
    public static string RolledBackPending(long pending, long? before) => $"rolled back the pending revision {pending} ({RunsAgain(before)})";

    /// <summary>
    /// What runs once a pending revision is rolled back: the engine puts back its last confirmed configuration,
    /// which is the revision that ran before the pending one, or the empty one when there was none.
    /// </summary>
    public static string RunsAgain(long? before) => before is { } number
        ? $"revision {number} runs again"
        : "no revision runs: the router is back to the empty configuration";

    /// <summary>How an audit row ended, in words.</summary>
    public static string Result(int status, string method) => method == AuditTrail.EventMethod ? "done" : status switch
    {
        < 400 => "done",
        401 => "refused: not signed in or wrong password",
        403 => "refused: not allowed",
        404 => "refused: no such thing",
        409 => "refused: conflicts with the router's state",
        429 => "refused: too many attempts, throttled",
        < 500 => "refused: the request was not valid",
        _ => "failed on the router",
    };

    private static string Section(Match match) => match.Groups["section"].Value.Replace('/', ' ').Replace('-', ' ');

    private static Regex AuthPath(string name) => Exact("/auth/" + name);

    private static Regex Exact(string pattern) => new($"^{pattern}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(100));
}
