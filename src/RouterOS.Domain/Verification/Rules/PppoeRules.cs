using RouterOS.Domain.Model;
using RouterOS.Domain.Topology;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Verification.Rules;

/// <summary>PPPoE uplinks: an Ethernet-like parent, an MTU that leaves room for the PPPoE header, sane timers.</summary>
internal static class PppoeRules
{
    public static void Check(VerifyContext context)
    {
        foreach (var uplink in context.Config.Pppoe)
        {
            var path = ConfigPath.Item("pppoe", uplink.Name);
            var parent = context.RequireDevice(path.Field("parent"), uplink.Parent);
            if (parent is { Kind: DeviceKind.Pppoe })
                context.Error(path.Field("parent"), $"{parent.Description} is not Ethernet; PPPoE runs over a port, a VLAN device or a bridge");
            if (parent is not null)
                context.RefuseBridgeMember(path.Field("parent"), uplink.Parent, "carry a PPPoE session (the bridge takes its frames)");
            CheckMtu(context, path, uplink, parent);
            context.RequireInRange(path.Field("lcpEchoIntervalSeconds"), uplink.LcpEchoIntervalSeconds, 0, PppoeUplink.MaxLcpEchoIntervalSeconds, "seconds");
            context.RequireInRange(path.Field("lcpEchoFailure"), uplink.LcpEchoFailure, 1, PppoeUplink.MaxLcpEchoFailure, "unanswered echoes");
            context.RequireInRange(path.Field("retryHoldoffSeconds"), uplink.RetryHoldoffSeconds, 0, PppoeUplink.MaxRetryHoldoffSeconds, "seconds");
            context.RequireInRange(path.Field("defaultRouteMetric"), uplink.DefaultRouteMetric, 0, int.MaxValue, "");
        }
    }

    private static void CheckMtu(VerifyContext context, string path, PppoeUplink uplink, DeviceNode? parent)
    {
        if (uplink.Ipv6 && uplink.EffectiveMtu.Value < Mtu.Ipv6Minimum)
            context.Error(path.Field("mtu"), $"MTU {uplink.EffectiveMtu} is below {Mtu.Ipv6Minimum}, the least IPv6 allows, and ipv6 is on");
        if (parent is null || context.Devices.EffectiveMtu(uplink.Parent) is not { } parentMtu)
            return;
        var room = parentMtu.Value - PppoeUplink.HeaderBytes;
        if (uplink.EffectiveMtu.Value > room)
            context.Error(path.Field("mtu"), $"MTU {uplink.EffectiveMtu} does not fit in {uplink.Parent}'s MTU {parentMtu} with the {PppoeUplink.HeaderBytes}-byte PPPoE header; use at most {room} (RFC 2516), or raise {uplink.Parent}'s MTU (RFC 4638)");
        if (uplink.EffectiveMru.Value > room)
            context.Error(path.Field("mru"), $"MRU {uplink.EffectiveMru} does not fit in {uplink.Parent}'s MTU {parentMtu} with the {PppoeUplink.HeaderBytes}-byte PPPoE header; use at most {room}");
    }
}
