using RouterOS.Domain.Values;
using RouterOS.Netlink.Route;

namespace RouterOS.Engine.Reconcile;

/// <summary>How disruptive a change is (netifd's reload classes).</summary>
public enum ChangeClass
{
    NoChange,

    /// <summary>Changed in place; traffic continues.</summary>
    AppliedLive,

    /// <summary>A service (a PPPoE session) restarts.</summary>
    Restart,

    /// <summary>Deleted and created again: the device's traffic stops briefly.</summary>
    Recreate,
}

/// <summary>
/// One kernel change. Devices are named, not indexed: indexes are looked up when the step runs,
/// since a device created earlier in the same plan has none yet.
/// </summary>
/// <param name="Path">The configuration object, e.g. bridges[br-lan].</param>
/// <param name="Action">create, change or delete.</param>
public abstract record PlanStep(string Path, string Action, ChangeClass Class, string Detail)
{
    public override string ToString() => $"{Action,-6} {Path}: {Detail} ({Class.Wire()})";
}

public sealed record CreateBridgeStep(string Path, string Name, BridgeAttributes Attributes, ChangeClass Class = ChangeClass.AppliedLive)
    : PlanStep(Path, "create", Class, $"create bridge {Name}");

public sealed record ChangeBridgeStep(string Path, string Name, BridgeAttributes Attributes, string What)
    : PlanStep(Path, "change", ChangeClass.AppliedLive, What);

public sealed record CreateVlanStep(string Path, string Name, string Parent, ushort VlanId, ushort Protocol, ChangeClass Class = ChangeClass.AppliedLive)
    : PlanStep(Path, "create", Class, $"create VLAN device {Name} (id {VlanId} on {Parent})");

public sealed record DeleteLinkStep(string Path, string Name, ChangeClass Class, string Why)
    : PlanStep(Path, "delete", Class, Why);

/// <param name="Master">Bridge name; "" releases the device from its bridge.</param>
public sealed record ChangeLinkStep(string Path, string Name, int? Mtu, bool? Up, string? Master, MacAddress? Mac, string What)
    : PlanStep(Path, "change", ChangeClass.AppliedLive, What);

public sealed record BridgeVlanStep(string Path, string Device, bool Add, ushort VlanId, ushort Flags, bool Self, string What)
    : PlanStep(Path, Add ? "create" : "delete", ChangeClass.AppliedLive, What);

/// <summary>Whose an address or route is: the tag it is written with, and so what may remove it again.</summary>
public enum Owner
{
    /// <summary>The configuration's: drift repair removes it when the configuration no longer has it.</summary>
    Configuration,

    /// <summary>A DHCP lease's: it comes and goes with the lease.</summary>
    Lease,

    /// <summary>A PPPoE session's: it comes and goes with the session.</summary>
    Session,
}

/// <param name="Address">With prefix, e.g. 192.0.2.1/24.</param>
/// <param name="Lifetime">A delegated prefix's lifetimes, which the kernel counts down; the address is set (replaced) rather than added. Null: permanent.</param>
public sealed record AddressStep(string Path, string Device, InterfaceAddress Address, bool Add, Owner Owner = Owner.Configuration, Netlink.Route.AddressLifetime? Lifetime = null)
    : PlanStep(Path, Add ? "create" : "delete", ChangeClass.AppliedLive,
        $"{(Add ? Lifetime is { } life ? $"set address {Address} on {Device}, {LifetimeWords.Of(life)}" : $"add address {Address} to {Device}" : $"remove address {Address} from {Device}")}");

/// <param name="Unreachable">An unreachable route (RTN_UNREACHABLE): no gateway, no device.</param>
public sealed record RouteStep(string Path, Cidr Destination, IpAddress? Gateway, string? Device, uint Metric, bool Add, Owner Owner = Owner.Configuration, bool Unreachable = false)
    : PlanStep(Path, Add ? "create" : "delete", ChangeClass.AppliedLive,
        $"{(Add ? "add" : "remove")} {(Unreachable ? "unreachable " : "")}route {Destination}{(Gateway is null ? "" : $" via {Gateway}")}{(Device is null ? "" : $" dev {Device}")}{(Metric == 0 ? "" : $" metric {Metric}")}");

/// <summary>Address lifetimes in words, as plans and timelines say them.</summary>
public static class LifetimeWords
{
    public static string Of(Netlink.Route.AddressLifetime lifetime) =>
        lifetime.IsForever ? "for ever" : $"preferred {Seconds(lifetime.PreferredSeconds)}, valid {Seconds(lifetime.ValidSeconds)}";

    private static string Seconds(uint seconds) => seconds == uint.MaxValue ? "for ever" : $"{seconds} s";
}

/// <summary>Replaces the engine's nft table in one batch (it is never deleted: see <see cref="Nft.BaseRuleset"/>).</summary>
public sealed record RulesetStep(string Path, Nft.RulesetText Ruleset, ChangeClass Class, string What)
    : PlanStep(Path, "change", Class, What);

/// <summary>
/// Deletes the connections through a PPPoE session that ended (see <see cref="Flows.ConntrackFlush.DeleteSession"/>):
/// those from its address and those the forward chain labelled with its bit.
/// </summary>
public sealed record SessionFlushStep(string Path, System.Net.IPAddress Address, int Label, string What)
    : PlanStep(Path, "delete", ChangeClass.AppliedLive, What);

/// <summary>A supervised service started, restarted or stopped after the kernel changes (no kernel write of its own).</summary>
public sealed record ServiceStep(string Path, string Action, ChangeClass Class, string What)
    : PlanStep(Path, Action, Class, What);

public static class ChangeClassNames
{
    /// <summary>The contract's spelling: no_change, applied_live, restart, recreate.</summary>
    public static string Wire(this ChangeClass changeClass) => changeClass switch
    {
        ChangeClass.NoChange => "no_change",
        ChangeClass.AppliedLive => "applied_live",
        ChangeClass.Restart => "restart",
        _ => "recreate",
    };
}
