using Google.Protobuf.WellKnownTypes;
using RouterOS.Api.Contracts;
using RouterOS.Api.Engine;
using Proto = RouterOS.Contracts.Engine;

namespace RouterOS.Api.Tests;

/// <summary>The engine's flow messages as REST and the hub show them.</summary>
public sealed class FlowContractTests
{
    [Fact]
    public void Icmp_the_expiry_the_devices_and_the_reason_are_carried()
    {
        var expires = DateTimeOffset.UtcNow.AddSeconds(29);
        var flow = new Proto.Flow
        {
            Id = 9,
            Family = "ipv4",
            Protocol = 1,
            ProtocolName = "icmp",
            Original = new Proto.FlowDirection { Source = new() { Address = "192.168.1.100" }, Destination = new() { Address = "203.0.113.1" }, Icmp = new() { Type = 8, Code = 0, Id = 4242 } },
            Reply = new Proto.FlowDirection { Source = new() { Address = "203.0.113.1" }, Destination = new() { Address = "203.0.113.2" }, Icmp = new() { Type = 0, Code = 0, Id = 4242 } },
            Offload = "none",
            Counters = "live",
            TimeoutSeconds = 30,
            Expires = Timestamp.FromDateTimeOffset(expires),
            NotOffloadedReason = "only TCP and UDP connections can be offloaded",
            InputInterface = "br-lan",
            OutputInterface = "wan0",
        };

        var view = EngineMessages.ToView(flow);

        Assert.Equal(new FlowIcmpView(8, 0, 4242), view.Original.Icmp);
        Assert.Equal(new FlowIcmpView(0, 0, 4242), view.Reply.Icmp);
        Assert.Equal(expires, view.Expires);
        Assert.InRange(view.TimeoutSeconds, 27, 29);
        Assert.Equal("only TCP and UDP connections can be offloaded", view.NotOffloadedReason);
        Assert.Equal(("br-lan", "wan0"), (view.InputInterface, view.OutputInterface));
    }

    [Fact]
    public void A_flow_on_the_fast_path_has_no_reason_and_no_icmp()
    {
        var view = EngineMessages.ToView(new Proto.Flow { Id = 1, ProtocolName = "tcp", Offload = "software", Counters = "live", Original = new(), Reply = new() });

        Assert.Null(view.NotOffloadedReason);
        Assert.Null(view.Original.Icmp);
    }
}
