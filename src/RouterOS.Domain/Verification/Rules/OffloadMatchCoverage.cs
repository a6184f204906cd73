using RouterOS.Domain.Model;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Verification.Rules;

/// <summary>Whether one offload match accepts every flow another does, so a later rule is shadowed.</summary>
internal static class OffloadMatchCoverage
{
    public static bool Covers(OffloadMatch wide, OffloadMatch narrow) =>
        (wide.Protocol == L4Protocol.Any || wide.Protocol == narrow.Protocol)
        && Same(wide.InputInterface, narrow.InputInterface)
        && Same(wide.OutputInterface, narrow.OutputInterface)
        && Contains(wide.Source, narrow.Source)
        && Contains(wide.Destination, narrow.Destination)
        && PortsCover(wide.DestinationPorts, narrow.DestinationPorts)
        && (wide.Dscp is null || wide.Dscp == narrow.Dscp);

    private static bool Same(InterfaceName? wide, InterfaceName? narrow) => wide is null || wide == narrow;

    private static bool Contains(Cidr? wide, Cidr? narrow) => wide is null || narrow is not null && wide.Contains(narrow);

    private static bool PortsCover(EquatableArray<PortRange> wide, EquatableArray<PortRange> narrow) =>
        wide.IsEmpty || !narrow.IsEmpty && narrow.All(n => wide.Any(w => w.Contains(n)));
}
