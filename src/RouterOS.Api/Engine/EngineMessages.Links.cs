using RouterOS.Api.Contracts;
using Proto = RouterOS.Contracts.Engine;

namespace RouterOS.Api.Engine;

internal static partial class EngineMessages
{
    public static LinkSnapshotView ToView(this Proto.LinkSnapshot snapshot) => new(
        [.. snapshot.Links.Select(link => new LinkStatusView(
            link.Name, NullIfEmpty(link.Kind), link.AdminUp, link.OperState, link.HasCarrier ? link.Carrier : null, (int)link.Mtu,
            link.HasSpeedMbps ? (int)link.SpeedMbps : null, NullIfEmpty(link.Master), NullIfEmpty(link.Parent), NullIfEmpty(link.BridgePortState),
            link.RxBytes, link.TxBytes, link.RxPackets, link.TxPackets, link.RxBitsPerSecond, link.TxBitsPerSecond,
            [.. link.Addresses.Select(address => new LinkAddressView(address.Address, address.Origin, address.Dynamic))]))],
        snapshot.At?.ToDateTimeOffset(),
        Connected: true);
}
