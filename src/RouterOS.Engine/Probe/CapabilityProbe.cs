using RouterOS.Engine.Kernel;
using RouterOS.Engine.Kernel.Ports;
using RouterOS.Netlink.Constants;
using RouterOS.Netlink.Route;

namespace RouterOS.Engine.Probe;

/// <summary>
/// Asks the kernel what it can do, by trying it: a dry-run flowtable (nothing is committed), a
/// scratch bridge with a VLAN device and VLAN filtering (deleted again), a PPPoE socket. Runs in
/// the router's namespace, on its thread.
/// </summary>
public static class CapabilityProbe
{
    private const string ScratchBridge = "ros-probe0";

    /// <summary>
    /// A dry run the kernel accepts. A refusal from libnftables' own parser is our bug, not a
    /// missing capability: it throws rather than report the kernel as lacking something.
    /// </summary>
    private static bool KernelAccepts(KernelSession kernel, string command)
    {
        var result = kernel.Nft.Run(command, dryRun: true);
        if (!result.Succeeded && result.Error.Contains("syntax error", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the capability probe sent nft a malformed command: {result.Error}");
        }
        return result.Succeeded;
    }

    public static Capabilities Run(KernelSession kernel)
    {
        var notes = new List<string>();
        var flowtable = KernelAccepts(kernel, "table inet routeros_probe { flowtable p { hook ingress priority filter; }; }");
        if (!flowtable)
        {
            notes.Add("no flowtable support in this kernel (nf_flow_table): flows stay on the classic forwarding path");
        }
        var (vlan, filtering) = ProbeBridgeAndVlan(kernel.Rtnetlink);
        if (!vlan)
        {
            notes.Add("no 802.1Q VLAN devices in this kernel (8021q)");
        }
        if (!filtering)
        {
            notes.Add("no bridge VLAN filtering in this kernel (CONFIG_BRIDGE_VLAN_FILTERING)");
        }
        var ppp = kernel.Pppoe.Available();
        if (!ppp)
        {
            notes.Add("no PPPoE in this kernel (ppp_generic, pppoe)");
        }
        var hardware = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var link in kernel.Read().Links.Values.Where(IsPhysicalCandidate))
        {
            hardware[link.Name] = flowtable && KernelAccepts(kernel,
                $"table inet routeros_probe {{ flowtable p {{ hook ingress priority filter; devices = {{ \"{link.Name}\" }}; flags offload; }}; }}");
            if (flowtable && !hardware[link.Name])
            {
                notes.Add(Capabilities.NoHardwareOffload(link.Name));
            }
        }
        return new Capabilities(flowtable, vlan, filtering, ppp, hardware, notes);
    }

    private static bool IsPhysicalCandidate(KernelLink link) =>
        link.Name != "lo" && link.Kind is not ("bridge" or "vlan") && link.Name != ScratchBridge;

    private static (bool Vlan, bool Filtering) ProbeBridgeAndVlan(IRtnetlink rtnetlink)
    {
        if (rtnetlink.ReadIndexes().TryGetValue(ScratchBridge, out var leftover))
        {
            rtnetlink.DeleteLink(leftover, ScratchBridge);
        }
        rtnetlink.CreateBridge(ScratchBridge, new BridgeAttributes());
        var index = rtnetlink.ReadIndexes()[ScratchBridge];
        try
        {
            var vlan = Supported(() => rtnetlink.CreateVlan(ScratchBridge + ".1", index, 1, IfLink.EtherType8021Q));
            var filtering = Supported(() => rtnetlink.ChangeBridge(index, ScratchBridge, new BridgeAttributes(VlanFiltering: true)));
            return (vlan, filtering);
        }
        finally
        {
            // Deleting the bridge takes its VLAN device with it.
            rtnetlink.DeleteLink(index, ScratchBridge);
        }
    }

    private static bool Supported(Action attempt)
    {
        try
        {
            attempt();
            return true;
        }
        catch (KernelException exception) when (exception.Errno is KernelException.EOPNOTSUPP or KernelException.ENOENT)
        {
            return false;
        }
    }
}
