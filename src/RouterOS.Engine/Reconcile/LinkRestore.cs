using RouterOS.Engine.Kernel;

namespace RouterOS.Engine.Reconcile;

/// <summary>
/// After a failed apply, replanning to the previous configuration puts back what that
/// configuration names, but not settings it leaves to the kernel: a port's MTU, admin state, MAC
/// or bridge, or a bridge's own settings, the failed attempt changed. These steps put every link that existed before the apply
/// (same name, same index) back as it was.
/// </summary>
public static class LinkRestore
{
    public static IReadOnlyList<PlanStep> StepsBack(KernelState before, KernelState now)
    {
        var current = now.Links;
        var steps = new List<PlanStep>();
        foreach (var was in before.Links.Values.OrderBy(link => link.Index))
        {
            if (!current.TryGetValue(was.Name, out var link) || link.Index != was.Index)
            {
                continue;
            }
            if (was.Bridge is { } settings && link.Bridge is { } settingsNow
                && BridgeOriginals.Difference(settings, settingsNow) is var back && back != new Netlink.Route.BridgeAttributes())
            {
                steps.Add(new ChangeBridgeStep($"restore[{was.Name}]", was.Name, back, $"bridge {was.Name}: back to its settings before the failed apply"));
            }
            int? mtu = link.Mtu != was.Mtu ? was.Mtu : null;
            bool? up = link.Up != was.Up ? was.Up : null;
            var mac = was.Mac is not null && link.Mac != was.Mac ? was.Mac : null;
            // Back into its old bridge only if that bridge is still there; out of one it was not in.
            string? master = link.Master == was.Master ? null
                : was.Master is null ? ""
                : current.ContainsKey(was.Master) ? was.Master : null;
            if (mtu is null && up is null && mac is null && master is null)
            {
                continue;
            }
            steps.Add(new ChangeLinkStep($"restore[{was.Name}]", was.Name, mtu, up, master, mac, $"{was.Name}: back to its state before the failed apply"));
        }
        return steps;
    }
}
