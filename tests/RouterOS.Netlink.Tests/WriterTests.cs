using RouterOS.Netlink.Constants;
using RouterOS.Netlink.Tests.Support;
using RouterOS.Netlink.Wire;

namespace RouterOS.Netlink.Tests;

public sealed class WriterTests
{
    [Fact]
    public void Nested_lengths_are_back_patched_and_padded()
    {
        var writer = new NetlinkWriter(16);
        var message = writer.BeginMessage(0x10, NetlinkProtocol.FlagRequest, 7);
        var outer = writer.BeginNested(1, markNested: true);
        writer.WriteU8(2, 0xAB);
        var inner = writer.BeginNested(3);
        writer.WriteString(4, "ab");
        writer.EndNested(inner);
        writer.EndNested(outer);
        writer.EndMessage(message);

        byte[] expected =
        [
            40, 0, 0, 0, 0x10, 0, 1, 0, 7, 0, 0, 0, 0, 0, 0, 0,
            24, 0, 1, 0x80,           // outer nest: 4 + 8 + 12, NLA_F_NESTED
            5, 0, 2, 0, 0xAB, 0, 0, 0, // u8 padded to 8
            12, 0, 3, 0,               // inner nest
            7, 0, 4, 0, (byte)'a', (byte)'b', 0, 0,
        ];
        HexAssert.Equal(expected, writer.Written);
        Assert.Equal(1, writer.MessageCount);
    }

    [Fact]
    public void Written_messages_read_back()
    {
        var writer = new NetlinkWriter();
        for (uint sequence = 1; sequence <= 3; sequence++)
        {
            var message = writer.BeginMessage(0x20, 0, sequence);
            writer.WriteU32BigEndian(1, sequence * 1000);
            writer.EndMessage(message);
        }
        var reader = new NetlinkMessageReader(writer.Written);
        var seen = new List<(uint, uint)>();
        while (reader.TryRead(out var message))
        {
            var attributes = new AttributeReader(message.Payload);
            Assert.True(attributes.TryRead(out var attribute));
            seen.Add((message.Sequence, attribute.U32BigEndian()));
        }
        Assert.Equal([(1u, 1000u), (2u, 2000u), (3u, 3000u)], seen);
    }
}
