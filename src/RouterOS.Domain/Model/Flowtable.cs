using System.Text.Json.Serialization;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Model;

/// <summary>
/// A netfilter flowtable: the fast path that established flows take once an offload rule adds
/// them (seed: nf_flowtable.rst). The admin lists any devices (ports, VLANs, PPPoE uplinks,
/// bridges); the engine hooks the real devices underneath them, as the kernel needs.
/// </summary>
/// <param name="Priority">Ingress hook priority; "filter" (0) unless something must run before it.</param>
/// <param name="Counter">`counter`: keep conntrack counters updated for offloaded flows.</param>
/// <param name="HardwareOffload">`flags offload`: push flows into the NIC where the driver can.</param>
public sealed record Flowtable(
    ObjectName Name,
    EquatableArray<InterfaceName> Devices = default,
    FlowtablePriority? Priority = null,
    bool Counter = true,
    bool HardwareOffload = false)
{
    [JsonIgnore]
    public FlowtablePriority EffectivePriority => Priority ?? FlowtablePriority.Filter;
}
