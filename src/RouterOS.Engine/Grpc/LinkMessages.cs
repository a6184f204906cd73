using Google.Protobuf.WellKnownTypes;
using RouterOS.Contracts.Engine;
using RouterOS.Engine.Links;

namespace RouterOS.Engine.Grpc;

/// <summary>The link watch's table as the contract's LinkSnapshot message.</summary>
internal static class LinkMessages
{
    public static LinkSnapshot ToContract(KernelLinkTable table)
    {
        var snapshot = new LinkSnapshot { At = Timestamp.FromDateTimeOffset(table.At == DateTimeOffset.MinValue ? DateTimeOffset.UnixEpoch : table.At) };
        snapshot.Links.Add(table.Links.Select(ToContract));
        return snapshot;
    }

    private static LiveLink ToContract(KernelLinkState link)
    {
        var live = new LiveLink
        {
            Index = link.Index,
            Name = link.Name,
            Kind = link.Kind ?? "",
            AdminUp = link.AdminUp,
            OperState = link.OperState,
            Mtu = (uint)Math.Max(0, link.Mtu),
            Master = link.Master ?? "",
            Parent = link.Parent ?? "",
            BridgePortState = link.BridgePortState ?? "",
            RxBytes = link.Counters.RxBytes,
            TxBytes = link.Counters.TxBytes,
            RxPackets = link.Counters.RxPackets,
            TxPackets = link.Counters.TxPackets,
            RxBitsPerSecond = link.Rates.RxBitsPerSecond,
            TxBitsPerSecond = link.Rates.TxBitsPerSecond,
        };
        if (link.Carrier is { } carrier)
        {
            live.Carrier = carrier;
        }
        if (link.SpeedMbps is { } speed)
        {
            live.SpeedMbps = (uint)speed;
        }
        live.Addresses.Add(link.Addresses.Select(address => new LiveAddress { Address = address.Address, Origin = address.Origin, Dynamic = address.Dynamic }));
        return live;
    }
}
