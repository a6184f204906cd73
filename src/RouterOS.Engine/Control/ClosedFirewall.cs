using RouterOS.Engine.Kernel;
using RouterOS.Engine.Nft;
using RouterOS.Engine.Reconcile;
using RouterOS.Engine.State;

namespace RouterOS.Engine.Control;

/// <summary>
/// The router never runs without the engine's table: at start it is in place before forwarding
/// is switched on, and whenever no configuration holds the base ruleset stands in for one.
/// Runs on the router namespace's thread, like every kernel change.
/// </summary>
internal static class ClosedFirewall
{
    /// <summary>
    /// Keeps the engine's table when the kernel lists exactly what the engine loaded last (an
    /// engine restart: the router keeps forwarding as configured); otherwise (a reboot, or the
    /// table edited or deleted by hand) loads the base ruleset in one atomic batch.
    /// </summary>
    /// <returns>True when the base ruleset was loaded.</returns>
    public static bool Hold(KernelSession session, EngineStateStore store)
    {
        if (store.Ruleset is { } last && session.ListRuleset() == last.Listing)
        {
            return false;
        }
        LoadBase(session, store);
        return true;
    }

    /// <summary>"No configuration" is the base ruleset, never no table.</summary>
    public static LoadedRuleset LoadBase(KernelSession session, EngineStateStore store)
    {
        var loaded = Applier.LoadRuleset(session, BaseRuleset.Text);
        store.SaveRuleset(loaded);
        return loaded;
    }

    /// <summary>True when the table the engine loaded last is the base ruleset.</summary>
    public static bool HoldsBase(EngineStateStore store) => store.Ruleset?.Table == BaseRuleset.Text.Table;

    /// <summary>
    /// A router forwards. Only ever called with a ruleset in place.
    /// </summary>
    public static bool EnableForwarding(KernelSession session)
    {
        session.Sysctl.Write("net/ipv4/ip_forward", "1");
        session.Sysctl.Write("net/ipv6/conf/all/forwarding", "1");
        return true;
    }
}
