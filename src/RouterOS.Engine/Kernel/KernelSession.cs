using RouterOS.Engine.Kernel.Ports;
using RouterOS.Engine.Nft;

namespace RouterOS.Engine.Kernel;

/// <summary>The kernel's ports, valid only inside <see cref="IRouterKernel.Run{T}"/>.</summary>
public sealed record KernelSession(IRtnetlink Rtnetlink, INftables Nft, IConntrack Conntrack, ISysctl Sysctl, IPppoeDriver Pppoe)
{
    /// <summary>Every change request sent: netlink messages plus ruleset batches.</summary>
    public long KernelWrites => Rtnetlink.WritesSent + Nft.BatchesSent;

    public KernelState Read() => Rtnetlink.Read(ListRuleset());

    /// <summary>Links, addresses and routes only: for work that never looks at the ruleset (a lease, a session), without listing it.</summary>
    public KernelState ReadNetwork() => Rtnetlink.Read(rulesetListing: null);

    public string? ListRuleset()
    {
        var result = Nft.List(RulesetText.ListCommand);
        return result.Succeeded ? result.Output : null;
    }
}
