using CsCheck;
using RouterOS.Netlink.Netfilter;
using RouterOS.Netlink.Route;
using RouterOS.Netlink.Tests.Support;
using RouterOS.Netlink.Wire;

namespace RouterOS.Netlink.Tests;

/// <summary>
/// Whatever bytes arrive, the reader and the message parsers either parse them or throw
/// <see cref="NetlinkParseException"/>: never another exception, never a read out of bounds
/// (spans would throw IndexOutOfRange / ArgumentOutOfRange, which these tests would catch).
/// </summary>
public sealed class ReaderRobustnessTests
{
    private static readonly string[] FixtureNames =
        ["link-set", "addr-add", "addr-add-v6", "route-add", "conntrack-list-reply", "conntrack-delete", "bridge-vlan-port", "link-add-vlan"];

    [Fact]
    public void Random_bytes_only_ever_give_parse_errors() =>
        Gen.Byte.Array[0, 300].Sample(ParseEverything, iter: 20_000);

    [Fact]
    public void Mutated_captures_only_ever_give_parse_errors()
    {
        var captures = FixtureNames.SelectMany(Fixture.Calls).ToArray();
        var mutations = Gen.Int[0, captures.Length - 1]
            .SelectMany(index => Gen.Select(Gen.Int[0, captures[index].Length - 1], Gen.Byte, Gen.Int[0, captures[index].Length])
                .Select((position, value, cut) =>
                {
                    var bytes = captures[index].ToArray();
                    bytes[position] = value;
                    return bytes[..Math.Max(cut, position + 1)];
                }));
        mutations.Sample(ParseEverything, iter: 20_000);
    }

    [Fact]
    public void A_length_past_the_buffer_is_reported_with_its_offset()
    {
        byte[] message = [0xff, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        var error = Assert.Throws<NetlinkParseException>(() =>
        {
            var reader = new NetlinkMessageReader(message);
            reader.TryRead(out _);
        });
        Assert.Equal(0, error.Offset);
        Assert.Contains("255", error.Message, StringComparison.Ordinal);
    }

    private static void ParseEverything(byte[] bytes)
    {
        try
        {
            var reader = new NetlinkMessageReader(bytes);
            while (reader.TryRead(out var message))
            {
                Parse(message);
            }
        }
        catch (NetlinkParseException)
        {
        }
    }

    private static void Parse(NetlinkMessage message)
    {
        // Every parser on every message: the wrong shape for a type must also be only a parse error.
        Try(message, static m => LinkInfo.Parse(m));
        Try(message, static m => BridgeVlanInfo.Parse(m));
        Try(message, static m => AddressInfo.Parse(m));
        Try(message, static m => RouteInfo.Parse(m));
        Try(message, static m => ConntrackEntry.Parse(m));
        Try(message, static m => NetlinkError.Parse(m));
        Try(message, static m => NfnetlinkMessages.ParseGeneration(m));
    }

    private delegate object ParseMessage(NetlinkMessage message);

    private static void Try(NetlinkMessage message, ParseMessage parse)
    {
        try
        {
            parse(message);
        }
        catch (NetlinkParseException)
        {
        }
    }
}
