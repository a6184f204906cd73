using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using RouterOS.Engine.Kernel;

namespace RouterOS.Engine.Reconcile;

/// <summary>Which devices the engine may delete: those that any of the given configurations created.</summary>
internal static class Ownership
{
    public static RouterConfig Union(RouterConfig? first, RouterConfig? second) => RouterConfig.Empty with
    {
        Bridges = new EquatableArray<Bridge>([.. (first?.Bridges ?? default).Concat(second?.Bridges ?? default).DistinctBy(bridge => bridge.Name)]),
        Vlans = new EquatableArray<VlanDevice>([.. (first?.Vlans ?? default).Concat(second?.Vlans ?? default).DistinctBy(vlan => vlan.Name)]),
    };

    /// <summary>
    /// The bridges and VLAN devices of <paramref name="attempted"/> that the kernel did not have
    /// <paramref name="before"/> it: what an apply of it may have created. One it named that was
    /// already there is the kernel's, not the attempt's to delete.
    /// </summary>
    public static RouterConfig CreatedBy(RouterConfig attempted, KernelState before) => RouterConfig.Empty with
    {
        Bridges = new EquatableArray<Bridge>([.. attempted.Bridges.Where(bridge => before.Link(bridge.Name.Value) is null)]),
        Vlans = new EquatableArray<VlanDevice>([.. attempted.Vlans.Where(vlan => before.Link(vlan.Name.Value) is null)]),
    };
}
