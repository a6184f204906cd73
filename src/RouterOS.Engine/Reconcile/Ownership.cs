using RouterOS.Domain.Model;
using RouterOS.Domain.Values;

namespace RouterOS.Engine.Reconcile;

/// <summary>Which devices the engine may delete: those that any of the given configurations created.</summary>
internal static class Ownership
{
    public static RouterConfig Union(RouterConfig? first, RouterConfig? second) => RouterConfig.Empty with
    {
        Bridges = new EquatableArray<Bridge>([.. (first?.Bridges ?? default).Concat(second?.Bridges ?? default).DistinctBy(bridge => bridge.Name)]),
        Vlans = new EquatableArray<VlanDevice>([.. (first?.Vlans ?? default).Concat(second?.Vlans ?? default).DistinctBy(vlan => vlan.Name)]),
    };
}
