using RouterOS.Domain.Topology;
using RouterOS.Domain.Verification;

namespace RouterOS.Engine.Reconcile;

/// <summary>
/// Static addresses, and the IPv6 LANs' addresses from static and ULA prefixes. An address already on its device is left alone, whoever added it; the engine
/// removes only addresses it tagged itself (IFA_PROTO), so the kernel's own (IPv6 link-local) and
/// anyone else's stay.
/// </summary>
internal static class AddressPlanner
{
    public static IEnumerable<PlanStep> Plan(PlanContext context)
    {
        var wanted = context.Desired.Addresses
            .Select(assignment => (Device: assignment.Device.ToString(), assignment.Address))
            .Select(item => (item.Device, item.Address, Path: ConfigPath.Item("addresses", item.Address)))
            .Concat(Ipv6Numbering.ConfiguredAddresses(context.Desired)
                .Select(item => (Device: item.Device.ToString(), item.Address, Path: ConfigPath.Item("ipv6.lans", item.Device))))
            .DistinctBy(item => (item.Device, item.Address))
            .ToList();
        var present = context.Kernel.Addresses.Select(address => (address.Device, address.Address)).ToHashSet();
        var wantedKeys = wanted.Select(item => (item.Device, item.Address)).ToHashSet();
        foreach (var stale in context.Kernel.Addresses.Where(address => address.Ours && !wantedKeys.Contains((address.Device, address.Address))))
        {
            yield return new AddressStep(ConfigPath.Item("addresses", stale.Address), stale.Device, stale.Address, Add: false);
        }
        foreach (var item in wanted.Where(item => !present.Contains((item.Device, item.Address))))
        {
            yield return new AddressStep(item.Path, item.Device, item.Address, Add: true);
        }
    }
}
