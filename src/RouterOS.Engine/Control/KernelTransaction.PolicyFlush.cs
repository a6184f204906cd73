using RouterOS.Domain.Model;
using RouterOS.Engine.Flows;
using RouterOS.Engine.Kernel;
using RouterOS.Netlink.Wire;

namespace RouterOS.Engine.Control;

/// <summary>What an apply does to the connections a changed zone firewall no longer forwards.</summary>
internal sealed partial class KernelTransaction
{
    /// <summary>
    /// When the zone firewall changed, the connections it no longer forwards are deleted. With a
    /// forwarding removed, the forward chain would go on accepting them as established and the
    /// offload policy put them back on the fast path; through an interface now in no zone, their
    /// packets are dropped but the flows list would show them until they time out (days, for
    /// TCP). Their flowtable entries went with the old table: deleting a flowtable tears its
    /// flows down (nf_flow_table_free, net/netfilter/nf_flow_table_core.c).
    /// A failure is logged, never thrown: the configuration is applied, and the connections end
    /// by themselves.
    /// </summary>
    private void FlushNoLongerForwarded(KernelSession session, RouterConfig? previous, RouterConfig config, KernelState before)
    {
        var policy = ForwardingPolicy.Of(config);
        if (policy.SameAs(ForwardingPolicy.Of(previous ?? RouterConfig.Empty)))
        {
            return;
        }
        try
        {
            var flushed = ConntrackFlush.DeleteNoLongerForwarded(session.Conntrack, policy, FlowRoutes.From(before), FlowRoutes.From(session.ReadNetwork()));
            LogPolicyFlows(flushed);
        }
        catch (Exception exception) when (exception is KernelException or NetlinkParseException)
        {
            LogPolicyFlushFailed(exception.Message);
        }
    }

    [LoggerMessage(LogLevel.Information, "The zone firewall changed: {Count} connections it no longer forwards deleted")]
    private partial void LogPolicyFlows(int count);

    [LoggerMessage(LogLevel.Warning, "The zone firewall changed, but the connections it no longer forwards could not be deleted: {Error}")]
    private partial void LogPolicyFlushFailed(string error);
}
