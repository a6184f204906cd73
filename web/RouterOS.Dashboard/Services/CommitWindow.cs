namespace RouterOS.Dashboard.Services;

/// <summary>
/// The confirm window a commit from the Changes page asks for. When the plan warns that the commit
/// may cut this dashboard off, a window is kept whatever the field says: the administrator who lost
/// the page cannot undo the commit, so only the engine's own rollback at the deadline brings the
/// router back.
/// </summary>
public static class CommitWindow
{
    /// <summary>The page's default, and the window kept when a risky commit was set to none.</summary>
    public const int DefaultSeconds = 120;

    /// <summary>The seconds to send, or null for a commit that needs no confirmation.</summary>
    public static int? Seconds(int requested, bool mayCutThisDashboard) =>
        requested > 0 ? requested : mayCutThisDashboard ? DefaultSeconds : null;
}
