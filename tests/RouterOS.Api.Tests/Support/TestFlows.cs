using RouterOS.Api.Contracts;
using RouterOS.Domain.Flows;

namespace RouterOS.Api.Tests.Support;

/// <summary>Flow views as the engine's stream would carry them.</summary>
internal static class TestFlows
{
    public static FlowView Udp(ulong id, string source, int sourcePort, string destination, int destinationPort, ulong bytes, double bytesPerSecond = 0, string offload = "none") =>
        new(id, (uint)id, 0, "ipv4", 17, "udp",
            new FlowDirectionView(source, sourcePort, destination, destinationPort, bytes / 100, bytes, 0, bytesPerSecond),
            new FlowDirectionView(destination, destinationPort, source, sourcePort, 0, 0, 0, 0),
            null, null, null, offload, "live", null, null, new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero).AddSeconds((double)id), DateTimeOffset.UtcNow.AddSeconds(30), 0, null, null);

    public static FlowTotals Totals(int total) => new(DateTimeOffset.UnixEpoch, total, total, 0, 0, 0, 0, 0, null, 0, 0);
}
